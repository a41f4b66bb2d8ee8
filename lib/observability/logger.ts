// No "server-only" marker: proxy.ts logs through this too, and the marker refuses the proxy's bundle.
import { pino, type Logger } from "pino";

// Structured JSON log lines (pino) for whoever runs the console: one line per BFF request and one
// per error, each with the request id. Callers log ids, routes, statuses and durations only: never
// a token, cookie, secret or config value. The redact list is a second line of defence for fields
// that must never appear even if someone logs a whole object by mistake.

const SLOT = Symbol.for("pegasus.console.logger");
type Holder = typeof globalThis & { [SLOT]?: Logger };

const REDACT = [
  "authorization",
  "cookie",
  "idToken",
  "accessToken",
  "refreshToken",
  "token",
  "value",
  "secret",
  "password",
  "*.authorization",
  "*.cookie",
  "*.idToken",
  "*.value",
  "*.secret",
  "headers.authorization",
  "headers.cookie",
];

/**
 * The process's logger (one per process, shared by the proxy, pages and route handlers). Lines go
 * to stdout asynchronously, so a BFF request never waits on the pipe (a synchronous write blocks
 * it whenever whoever reads the console's stdout lags). Nothing waits for a buffer to fill: each
 * line is written as soon as the previous write is done, and pino flushes what is left
 * synchronously when the process exits.
 */
export function logger(): Logger {
  const g = globalThis as Holder;
  g[SLOT] ??= pino(
    {
      level: process.env.LOG_LEVEL ?? "info",
      base: { service: "pegasus-console", pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: "[redacted]" },
    },
    pino.destination({ dest: 1, sync: false, minLength: 0 }),
  );
  return g[SLOT];
}

/** Replaces the process's logger (tests write to a buffer). */
export function setLogger(next: Logger): void {
  (globalThis as Holder)[SLOT] = next;
}
