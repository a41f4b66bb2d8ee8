import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { AppEnv, RouteModule, SandboxContext } from "./context";
import { ApiError, errorBody } from "./http";
import { register as registerCore } from "./routes/index";
import { registerArtifactStore } from "./routes/artifact-store";
import { register as registerIntegrations } from "./routes/integrations";
import { register as registerExecutions } from "./routes/executions";

const CORRELATION_HEADER = "x-correlation-id";
const CORRELATION_RE = /^[A-Za-z0-9._:-]{1,128}$/;
/** JSON bodies above this are refused before parsing (artifacts go to the upload URL instead). */
export const MAX_JSON_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Build the sandbox's Hono app. Route modules receive an app whose base path is `/api/v1`, so
 * they register contract paths as written in pegasus-api.md (`/workflows/:id`, ...).
 */
export function buildApp(ctx: SandboxContext, extraModules: RouteModule[] = []): Hono<AppEnv> {
  const root = new Hono<AppEnv>();

  root.use("*", async (c, next) => {
    const incoming = c.req.header(CORRELATION_HEADER);
    const correlationId = incoming && CORRELATION_RE.test(incoming) ? incoming : randomUUID();
    c.set("correlationId", correlationId);
    c.header(CORRELATION_HEADER, correlationId);
    await next();
  });
  root.use(
    "/api/v1/*",
    cors({
      origin: ctx.config.consoleOrigins,
      exposeHeaders: [CORRELATION_HEADER],
      allowHeaders: ["Authorization", "Content-Type", CORRELATION_HEADER],
      allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    }),
  );

  root.use(
    "/api/v1/*",
    bodyLimit({
      maxSize: MAX_JSON_BODY_BYTES,
      onError: (c) => c.json({ error: `Request body exceeds ${MAX_JSON_BODY_BYTES} bytes`, code: "PAYLOAD_TOO_LARGE" }, 413),
    }),
  );

  root.onError((err, c) => {
    if (err instanceof ApiError) {
      return c.json(errorBody(err), err.status);
    }
    const correlationId = c.get("correlationId");
    // Only the method, path and error: request bodies can carry secret values.
    ctx.log("error", "unhandled error", {
      correlationId,
      method: c.req.method,
      path: c.req.path,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
    return c.json({ error: "Internal server error", code: "INTERNAL_ERROR", correlationId }, 500);
  });
  root.notFound((c) => c.json({ error: "Not found", code: "NOT_FOUND" }, 404));

  registerArtifactStore(root, ctx);
  // Sandbox-only readiness (a real Pegasus has no such route): the console's health page and the
  // launchers read it to tell whether Temporal is up, and why not.
  root.get("/health", (c) => {
    const parts = Object.fromEntries(Object.entries(ctx.health).map(([name, read]) => [name, read()]));
    return c.json({ api: { state: "ok" }, ...parts }, 200, { "Cache-Control": "no-store" });
  });
  const api = root.basePath("/api/v1");
  for (const mod of [registerCore, registerIntegrations, registerExecutions, ...extraModules]) mod(api, ctx);
  return root;
}
