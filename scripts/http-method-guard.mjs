// Preloaded into `next start` (NODE_OPTIONS="--import <this file>", see scripts/start.mjs and
// e2e/global-setup.ts). Two HTTP methods never reach proxy.ts or a route handler:
// - TRACE: Next turns every request into a Fetch `Request`, whose constructor refuses it, so Next
//   answers a bare 500 before any of our code runs (TRACK, the other Fetch-forbidden verb, is not
//   parsed by Node at all: Node answers its own 400);
// - CONNECT: Node hands it to a "connect" listener, and without one closes the socket unanswered.
// This wraps the server Next creates and answers both with a 405 (the BFF's error envelope on /api).
// Every other method goes to Next untouched; proxy.ts answers the rest of the unrouted ones.
// Next loads node:http with require(): patching the module object here is what it gets.
import { randomUUID } from "node:crypto";
import http from "node:http";

const FETCH_FORBIDDEN = new Set(["TRACE"]);
const ALLOW = "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE";

function refusal(method, url) {
  const isApi = typeof url === "string" && url.startsWith("/api/");
  const message = `Method ${String(method).slice(0, 20)} is not allowed`;
  return isApi
    ? { type: "application/json", body: JSON.stringify({ error: { code: "METHOD_NOT_ALLOWED", message, requestId: randomUUID() } }) }
    : { type: "text/plain; charset=utf-8", body: message };
}

const originalCreateServer = http.createServer;
http.createServer = function createGuardedServer(...args) {
  const at = args.findIndex((arg) => typeof arg === "function");
  if (at >= 0) {
    const listener = args[at];
    args[at] = function guardedListener(req, res) {
      if (!FETCH_FORBIDDEN.has(req.method)) return listener.call(this, req, res);
      const { type, body } = refusal(req.method, req.url);
      res.writeHead(405, { "content-type": type, "cache-control": "no-store", allow: ALLOW, "content-length": Buffer.byteLength(body) });
      res.end(body);
      return undefined;
    };
  }
  const server = originalCreateServer.apply(this, args);
  server.on("connect", (req, socket) => {
    const { type, body } = refusal("CONNECT", req.url);
    socket.on("error", () => socket.destroy());
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\ncontent-type: ${type}\r\ncache-control: no-store\r\nallow: ${ALLOW}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return server;
};
