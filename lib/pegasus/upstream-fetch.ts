import "server-only";
import { Agent, fetch as undiciFetch } from "undici";

// The connection pool to the Pegasus API: one undici Agent per process, keeping connections open
// between requests (no TCP set-up per call) and used through undici's own fetch, which skips the
// caching layer Next.js wraps around the global fetch in route handlers (the transport never wants
// it: every upstream call is `no-store`). A pool holds connections, never answers: nothing a second
// console process would need to see lives here.

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

/** fetch over the process's keep-alive pool to the upstream (drop-in for the global fetch). */
export const upstreamFetch: typeof fetch = (input, init) =>
  undiciFetch(input as Parameters<typeof undiciFetch>[0], {
    ...(init as Parameters<typeof undiciFetch>[1]),
    dispatcher: upstreamAgent(),
  }) as unknown as Promise<Response>;
