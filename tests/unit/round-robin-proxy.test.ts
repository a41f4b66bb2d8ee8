import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRoundRobinProxy, type RoundRobinProxy } from "@/e2e/support/round-robin-proxy";

// The test/bench proxy in front of several console processes: requests alternate one by one, the
// Host header and bodies pass through unchanged, and a dead target is a 502 rather than a hang.

const servers: http.Server[] = [];
let proxy: RoundRobinProxy;

async function target(name: string): Promise<string> {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () =>
      res
        .writeHead(200, { "content-type": "application/json", "x-target": name })
        .end(JSON.stringify({ name, host: req.headers.host, method: req.method, url: req.url, body })),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

beforeAll(async () => {
  proxy = await startRoundRobinProxy([await target("a"), await target("b")]);
});

afterAll(async () => {
  await proxy.close();
  for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("round-robin proxy", () => {
  it("sends consecutive requests to the targets in turn, with the caller's Host and body", async () => {
    const seen: Array<{ name: string; host: string; method: string; url: string; body: string }> = [];
    for (let i = 0; i < 4; i++)
      seen.push(await (await fetch(`${proxy.origin}/api/x?i=${i}`, { method: "POST", body: `payload-${i}` })).json());
    expect(seen.map((s) => s.name)).toEqual(["a", "b", "a", "b"]);
    expect(seen.every((s) => s.host === new URL(proxy.origin).host)).toBe(true);
    expect(seen.map((s) => s.body)).toEqual(["payload-0", "payload-1", "payload-2", "payload-3"]);
    expect(seen[3]?.url).toBe("/api/x?i=3");
    expect(proxy.counts).toEqual([2, 2]);
  });

  it("answers 502 when a target is down", async () => {
    const dead = await startRoundRobinProxy(["http://127.0.0.1:9"]);
    try {
      const res = await fetch(`${dead.origin}/`);
      expect(res.status).toBe(502);
    } finally {
      await dead.close();
    }
  });
});
