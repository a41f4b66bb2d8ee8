import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A real HTTP proxy that sits between a console and the sandbox and misbehaves on demand.
 * Faults are switched per method + path at runtime; every request is counted so a test can
 * prove how many times the console sent it. `stop()` closes the listener (connection refused,
 * like a crashed upstream) and `start()` brings it back on the same port.
 */

/** What the proxy does with a matching request. */
export type Fault =
  | { kind: "pass" }
  | { kind: "delay"; ms: number }
  | { kind: "status"; status: number; body?: string }
  | { kind: "bad-json" }
  | { kind: "wrong-shape" }
  | { kind: "close" };

export interface FaultRule {
  /** Upstream method to match; omitted matches every method. */
  method?: string;
  /** Matched against the path without the query string. */
  path: RegExp;
  fault: Fault;
  /** Apply to this many matching requests, then fall through (transient faults). */
  times?: number;
}

interface ActiveRule extends FaultRule {
  used: number;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`; stays the same across stop()/start(). */
  readonly origin: string;
  /** Adds a rule; rules added later win. */
  inject(rule: FaultRule): void;
  /** Drops every rule (everything passes through) and, with resetCounts, the counters. */
  clear(options?: { resetCounts?: boolean }): void;
  /** Requests seen (faulted or not) whose method matches and whose path matches `path`. */
  count(method: string, path: RegExp): number;
  resetCounts(): void;
  /** Closes the listener and every open connection: the upstream is down. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

function forwardHeaders(headers: http.IncomingHttpHeaders, upstreamHost: string): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = value;
  }
  out.host = upstreamHost;
  return out;
}

/** Starts the proxy on a free loopback port in front of `upstreamOrigin` (e.g. the sandbox). */
export async function startFaultProxy(upstreamOrigin: string): Promise<FaultProxy> {
  const upstream = new URL(upstreamOrigin);
  const rules: ActiveRule[] = [];
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  function pickFault(method: string, path: string): Fault {
    for (let i = rules.length - 1; i >= 0; i--) {
      const rule = rules[i];
      if (!rule) continue;
      if (rule.method && rule.method !== method) continue;
      if (!rule.path.test(path)) continue;
      if (rule.times !== undefined && rule.used >= rule.times) continue;
      rule.used++;
      return rule.fault;
    }
    return { kind: "pass" };
  }

  function pass(req: http.IncomingMessage, res: http.ServerResponse): void {
    const outgoing = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: forwardHeaders(req.headers, upstream.host),
      },
      (answer) => {
        const headers: http.OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    outgoing.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("fault proxy: upstream unreachable");
    });
    req.pipe(outgoing);
  }

  function answer(res: http.ServerResponse, status: number, body: string): void {
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const key = `${method} ${path}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const fault = pickFault(method, path);
    switch (fault.kind) {
      case "pass":
        return pass(req, res);
      case "delay": {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!req.destroyed && !res.destroyed) pass(req, res);
        }, fault.ms);
        timers.add(timer);
        return;
      }
      case "status":
        req.resume();
        return answer(
          res,
          fault.status,
          fault.body ?? JSON.stringify({ error: `fault proxy says ${fault.status}`, code: "FAULT_INJECTED" }),
        );
      case "bad-json":
        req.resume();
        return answer(res, 200, '{"data": [ {"id": "truncated');
      case "wrong-shape":
        req.resume();
        return answer(res, 200, JSON.stringify({ data: { surprise: true }, meta: "not an object" }));
      case "close":
        req.resume();
        req.socket.destroy();
        return;
    }
  }

  const server = http.createServer(handle);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  async function stop(): Promise<void> {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  }

  const port = await listen(0);
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    inject(rule) {
      rules.push({ ...rule, used: 0 });
    },
    clear(options) {
      rules.length = 0;
      if (options?.resetCounts) counts.clear();
    },
    count(method, path) {
      let total = 0;
      for (const [key, n] of counts) {
        const space = key.indexOf(" ");
        if (key.slice(0, space) === method && path.test(key.slice(space + 1))) total += n;
      }
      return total;
    },
    resetCounts() {
      counts.clear();
    },
    stop,
    async start() {
      if (server.listening) return;
      await listen(port);
    },
    async close() {
      if (server.listening) await stop();
    },
  };
}
