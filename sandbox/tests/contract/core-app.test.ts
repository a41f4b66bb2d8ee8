/**
 * The Hono app's envelope on a private context (real SQLite in a temp folder, no HTTP server):
 * unhandled errors become 500 INTERNAL_ERROR with a correlation id, and request bodies never
 * reach a log line; oversized bodies get 413.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp, MAX_JSON_BODY_BYTES } from "../../server/app";
import type { SandboxContext } from "../../server/context";
import { openDb } from "../../server/db";
import { loadOrCreateSecretKey } from "../../server/lib/crypto";
import { createExecutionsRuntime } from "../../server/temporal/runtime";

const dir = mkdtempSync(path.join(os.tmpdir(), "core-app-"));
const logs: string[] = [];
const db = openDb(dir);
const ctx: SandboxContext = {
  db,
  secretKey: loadOrCreateSecretKey(dir),
  onStart: [],
  onStop: [],
  onDomainEvent: [],
  executions: null,
  health: {},
  log: (level, message, fields) => logs.push(JSON.stringify({ level, message, ...fields })),
  config: {
    port: 1,
    origin: "http://127.0.0.1:1",
    issuer: "http://127.0.0.1:1/oidc",
    apiBaseUrl: "http://127.0.0.1:1/api/v1",
    stateDir: dir,
    venv: dir,
    temporal: false,
    temporalPort: 1,
    temporalUiPort: 1,
    consoleOrigins: ["http://127.0.0.1:3000"],
    idTokenTtlSeconds: 60,
    integrationConfigPublish: true,
    customEvents: true,
    workflowsDisabledTenants: [],
  },
};
// The executions runtime as sandbox.ts builds it (Temporal off in this config: it starts nothing).
ctx.executions = createExecutionsRuntime(ctx);
const app = buildApp(ctx, [
  (api) => {
    api.post("/test-boom", async (c) => {
      await c.req.text();
      throw new Error("kaboom");
    });
  },
]);

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("app envelope", () => {
  it("500 INTERNAL_ERROR with correlationId; the log has method/path/error but not the body", async () => {
    const secret = "super-secret-value-7781";
    const res = await app.request("/api/v1/test-boom", {
      method: "POST",
      headers: { "content-type": "application/json", "x-correlation-id": "corr-500" },
      body: JSON.stringify({ value: secret }),
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: "Internal server error", code: "INTERNAL_ERROR", correlationId: "corr-500" });
    expect(logs.join("\n")).toContain("kaboom");
    expect(logs.join("\n")).toContain("/api/v1/test-boom");
    expect(logs.join("\n")).not.toContain(secret);
  });

  it("413 PAYLOAD_TOO_LARGE above the JSON body cap", async () => {
    const res = await app.request("/api/v1/test-boom", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(MAX_JSON_BODY_BYTES + 1) },
      body: "x".repeat(MAX_JSON_BODY_BYTES + 1),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("CORS exposes x-correlation-id to console origins only", async () => {
    const ok = await app.request("/api/v1/workflows", { headers: { origin: "http://127.0.0.1:3000" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:3000");
    expect(ok.headers.get("access-control-expose-headers")).toContain("x-correlation-id");
    const evil = await app.request("/api/v1/workflows", { headers: { origin: "http://evil.example" } });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
  });
});
