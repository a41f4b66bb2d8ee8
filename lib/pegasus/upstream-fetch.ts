import "server-only";
import { Agent, request } from "undici";

// The connection pool to the Pegasus API: one undici Agent per process, keeping connections open
// between requests (no TCP set-up per call). Calls go through undici's `request`, not a fetch: the
// transport needs only the status and the body text, and `request` skips the WHATWG Request,
// Headers and stream objects fetch builds around every call (measured in bench/bff-overhead.ts), as
// well as the caching layer Next.js wraps around the global fetch in route handlers (every upstream
// call is `no-store` anyway). Redirects are not followed (the transport asks for that too). A pool
// holds connections, never answers: nothing a second console process would need to see lives here.

const SLOT = Symbol.for("pegasus.console.upstreamAgent");
type Holder = typeof globalThis & { [SLOT]?: Agent };

/** Connections kept per upstream origin; requests beyond it queue on the pool. */
const MAX_CONNECTIONS = 128;

function upstreamAgent(): Agent {
  const g = globalThis as Holder;
  g[SLOT] ??= new Agent({
    connections: MAX_CONNECTIONS,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: { timeout: 10_000 },
  });
  return g[SLOT];
}

type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

/**
 * The transport's fetch over the process's keep-alive pool. It answers with what the transport
 * reads of a response (status and text), so it is typed as fetch but is not a general one.
 */
export const upstreamFetch: typeof fetch = async (input, init) => {
  const url = typeof input === "string" || input instanceof URL ? input : input.url;
  const answer = await request(url, {
    dispatcher: upstreamAgent(),
    method: (init?.method ?? "GET") as Method,
    headers: init?.headers as Record<string, string> | undefined,
    body: (init?.body as string | undefined) ?? undefined,
    signal: init?.signal ?? undefined,
  });
  let text: Promise<string> | undefined;
  const response = {
    status: answer.statusCode,
    ok: answer.statusCode >= 200 && answer.statusCode < 300,
    text: () => (text ??= answer.body.text()),
  };
  return response as unknown as Response;
};
