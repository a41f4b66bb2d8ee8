import "server-only";
import type { z } from "zod";
import { PegasusError, TIMEOUT_STATUS } from "@/lib/pegasus/errors";
import { logger } from "@/lib/observability/log";
import type { BffError } from "@/lib/schemas/common";

/** Upstream statuses the BFF passes through unchanged (design §4.5). Everything else is a bad gateway. */
// 413: the upstream's own body limit is the caller's problem, not a bad gateway (the BFF refuses
// larger bodies itself first, see lib/schemas/limits.ts).
const PASS_THROUGH = new Set([400, 401, 403, 404, 409, 413, 422, 423, 429]);

/** Maps an upstream (or transport) status to the BFF status: pass-through table, timeout→504, rest→502. */
export function bffStatusFor(upstreamStatus: number): number {
  if (PASS_THROUGH.has(upstreamStatus)) return upstreamStatus;
  if (upstreamStatus === TIMEOUT_STATUS) return 504;
  return 502;
}

/** Contract extras worth showing a user; anything else from the upstream body stays on the server. */
export const FORWARDED_EXTRAS = ["problems", "report", "enabledTriggers", "openExecutions", "dependents", "liveVersion"] as const;

/** An error the BFF itself raises (bad input, no session, cross-origin). */
export class BffRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extras for the envelope (only FORWARDED_EXTRAS keys leave). */
    readonly extras: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "BffRequestError";
  }
}

type Envelope = BffError & { error: Record<string, unknown> };

function respond(status: number, error: Envelope["error"]): Response {
  return Response.json({ error } satisfies Envelope, { status, headers: { "cache-control": "no-store" } });
}

/** The one error envelope: `{error: {code, message, requestId, ...extras}}`. */
export function errorResponse(error: unknown, requestId: string): Response {
  if (error instanceof PegasusError) {
    const extras: Record<string, unknown> = {};
    for (const key of FORWARDED_EXTRAS) if (key in error.extras) extras[key] = error.extras[key];
    const status = bffStatusFor(error.status);
    // A 5xx upstream message may carry internals; the user gets a stable sentence instead.
    const message = status >= 500 && !error.isTransportFailure ? "The Pegasus API failed to handle the request" : error.message;
    return respond(status, { code: error.code, message, requestId: error.requestId || requestId, ...extras });
  }
  if (error instanceof BffRequestError) {
    const extras: Record<string, unknown> = {};
    for (const key of FORWARDED_EXTRAS) if (key in error.extras) extras[key] = error.extras[key];
    return respond(error.status, { code: error.code, message: error.message, requestId, ...extras });
  }
  logger().error(
    { requestId, error: error instanceof Error ? { name: error.name, message: error.message } : String(error) },
    "bff unexpected error",
  );
  return respond(500, { code: "INTERNAL_ERROR", message: "The console failed to handle the request", requestId });
}

/** Turns a zod failure into a 400 VALIDATION_ERROR with a readable message. */
export function validationError(where: "params" | "query" | "body", error: z.ZodError): BffRequestError {
  const detail = error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : where}: ${issue.message}`)
    .join("; ");
  return new BffRequestError(400, "VALIDATION_ERROR", `Invalid ${where}: ${detail}`);
}
