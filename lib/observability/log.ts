import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { pino, type Logger } from "pino";

// Structured JSON log lines (pino) for whoever runs the console: one line per BFF request and one
// per error, each with the request id. Callers log ids, routes, statuses and durations only: never
// a token, cookie, secret or config value. The redact list is a second line of defence for fields
// that must never appear even if someone logs a whole object by mistake.

const SLOT = Symbol.for("pegasus.console.logger");
type Holder = typeof globalThis & { [SLOT]?: Logger };

const REDACT = ["authorization", "cookie", "idToken", "accessToken", "refreshToken", "token", "value", "secret", "password", "*.authorization", "*.cookie", "*.idToken", "*.value", "*.secret", "headers.authorization", "headers.cookie"];

/** The process's logger (one per process, shared by the proxy, pages and route handlers). */
export function logger(): Logger {
  const g = globalThis as Holder;
  g[SLOT] ??= pino({
    level: process.env.LOG_LEVEL ?? "info",
    base: { service: "pegasus-console", pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: "[redacted]" },
  });
  return g[SLOT];
}

/** Replaces the process's logger (tests write to a buffer). */
export function setLogger(next: Logger): void {
  (globalThis as Holder)[SLOT] = next;
}

/** What one BFF request learns about its upstream calls while it runs. */
export interface RequestLogContext {
  requestId: string;
  upstream: Array<{ operation: string; outcome: string; ms: number; requestId?: string }>;
}

const requestContext = new AsyncLocalStorage<RequestLogContext>();

/** Runs `fn` with a log context that upstream calls made inside it report to. */
export function withRequestLog<T>(context: RequestLogContext, fn: () => Promise<T>): Promise<T> {
  return requestContext.run(context, fn);
}

/** The log context of the BFF request being handled, if any. */
export function currentRequestLog(): RequestLogContext | undefined {
  return requestContext.getStore();
}
