import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

vi.mock("server-only", () => ({}));

const { upstreamFetch } = await import("@/lib/pegasus/upstream-fetch");
const { createPegasusClient } = await import("@/lib/pegasus/transport");
const { PegasusError, TRANSPORT_CODES } = await import("@/lib/pegasus/errors");

// The BFF's upstream hop (undici `request` on the keep-alive pool) against a real local HTTP server:
// what the transport relies on — the status and body, headers and method sent as given, no redirect
// followed, and a body that stalls still ends at the transport's timeout.

let server: http.Server;
let base = "";
const seen: Array<{ method?: string; url?: string; auth?: string; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
      if (req.url === "/redirect") {
        res.writeHead(302, { location: "/elsewhere" }).end();
      } else if (req.url === "/stall") {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"data": [');
        // …and never finishes the body.
      } else {
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, echo: body }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("upstream fetch over the keep-alive pool", () => {
  it("sends method, headers and body as given and answers with the status and the text", async () => {
    const response = await upstreamFetch(`${base}/things?x=1`, {
      method: "POST",
      headers: { authorization: "Bearer t0k", "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(response.status).toBe(201);
    expect(JSON.parse(await response.text())).toEqual({ ok: true, echo: '{"a":1}' });
    expect(seen.at(-1)).toEqual({ method: "POST", url: "/things?x=1", auth: "Bearer t0k", body: '{"a":1}' });
  });

  it("does not follow a redirect", async () => {
    const before = seen.length;
    const response = await upstreamFetch(`${base}/redirect`, { method: "GET" });
    expect(response.status).toBe(302);
    await response.text();
    expect(seen.slice(before).map((s) => s.url)).toEqual(["/redirect"]);
  });

  it("a body that stalls ends at the transport's timeout, as a timeout", async () => {
    const client = createPegasusClient({ baseUrl: base, timeoutMs: 400, fetch: upstreamFetch, retryBackoffMs: 10 });
    const started = Date.now();
    const error = await client.request({ path: "/stall", schema: z.unknown() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PegasusError);
    expect((error as InstanceType<typeof PegasusError>).code).toBe(TRANSPORT_CODES.timeout);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
