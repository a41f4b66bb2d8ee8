import http from "node:http";

/**
 * A small HTTP reverse proxy that sends each request to the next of several console processes in
 * turn (tests and benchmarks only: it is what proves that nothing correct lives in one process).
 * Requests are spread one by one, not per connection, so consecutive requests of one browser land on
 * different processes. The Host header is passed through unchanged, so each console sees the origin
 * the browser used (same-origin checks, Auth.js callback URLs).
 */
export interface RoundRobinProxy {
  origin: string;
  /** How many requests each target received, in target order. */
  counts: number[];
  close(): Promise<void>;
}

/** Starts the proxy on 127.0.0.1:`port` (0: a free one) in front of `targets` (origins); `onRequest` sees each request first. */
export async function startRoundRobinProxy(
  targets: string[],
  port = 0,
  onRequest?: (req: http.IncomingMessage) => void,
): Promise<RoundRobinProxy> {
  if (targets.length === 0) throw new Error("the round-robin proxy needs at least one target");
  const upstreams = targets.map((target) => new URL(target));
  const counts = targets.map(() => 0);
  // A new connection to the console per request: a kept-alive socket that the console closes at
  // its keep-alive timeout just as the proxy reuses it ends in "socket hang up", and a request whose
  // body was already streamed cannot be sent again. Loopback connections cost little.
  const agent = new http.Agent({ keepAlive: false, maxSockets: 256 });
  let next = 0;
  const server = http.createServer((req, res) => {
    onRequest?.(req);
    const index = next;
    next = (next + 1) % upstreams.length;
    counts[index] = (counts[index] ?? 0) + 1;
    const target = upstreams[index] as URL;
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
        res.end(`round-robin proxy: console ${index + 1} failed: ${error.message}`);
      } else res.destroy(error);
    });
    req.on("aborted", () => upstream.destroy());
    req.pipe(upstream);
  });
  // CONNECT is answered by the consoles themselves (scripts/http-method-guard.mjs); pass it on raw.
  server.on("connect", (req, socket) => {
    socket.end("HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  return {
    origin: `http://127.0.0.1:${bound}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
