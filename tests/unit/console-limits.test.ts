import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

vi.mock("server-only", () => ({}));

const { makeBffRoute } = await import("@/lib/api/route");
const { createPegasusClient } = await import("@/lib/pegasus/transport");
const { bffErrorSchema } = await import("@/lib/schemas/common");
const { jsonTextExceedsDepth, jsonValueExceedsDepth, MAX_JSON_DEPTH, MAX_REQUEST_BODY_BYTES } = await import("@/lib/schemas/limits");

const SESSION = { user: { name: "Ada", email: "a@x", tenantId: "t-1", tenantName: null, roles: ["tenant_admin"] }, expires: "2099-01-01" };
const pegasus = createPegasusClient({
  baseUrl: "http://unused.test",
  timeoutMs: 100,
  fetch: (() => Promise.reject(new Error("unused"))) as typeof fetch,
});
const route = makeBffRoute(async () => ({ session: SESSION, pegasus }));
const ctx = { params: Promise.resolve({}) };

const deepText = (levels: number, open = "[", close = "]") => `${open.repeat(levels)}1${close.repeat(levels)}`;
const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;

describe("JSON nesting limit", () => {
  it("counts the body itself as level 1 and allows exactly the limit", () => {
    expect(jsonTextExceedsDepth(deepText(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonTextExceedsDepth(deepText(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonTextExceedsDepth(deepObject(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonTextExceedsDepth(`{"input":${deepObject(MAX_JSON_DEPTH - 1)}}`)).toBe(false);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(jsonTextExceedsDepth(JSON.stringify({ s: "[".repeat(500) }))).toBe(false);
    expect(jsonTextExceedsDepth(JSON.stringify({ s: `\\"${"{".repeat(500)}` }))).toBe(false);
    expect(jsonTextExceedsDepth(`["\\"", ${deepText(MAX_JSON_DEPTH)}]`)).toBe(true);
  });

  it("scans 20,000 and 200,000 levels without recursion", () => {
    expect(jsonTextExceedsDepth(deepText(20_000))).toBe(true);
    expect(jsonTextExceedsDepth(deepObject(200_000))).toBe(true);
  });

  it("walks parsed values iteratively with the same count", () => {
    expect(jsonValueExceedsDepth(JSON.parse(deepText(MAX_JSON_DEPTH)))).toBe(false);
    expect(jsonValueExceedsDepth(JSON.parse(deepText(MAX_JSON_DEPTH + 1)))).toBe(true);
    expect(jsonValueExceedsDepth({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(jsonValueExceedsDepth({ a: [{ b: [] }] }, 3)).toBe(true);
  });
});

describe("bff wrapper limits", () => {
  let reached = 0;
  const POST = route({ body: z.object({ input: z.unknown() }), output: z.object({ size: z.number() }) }, async ({ body }) => {
    reached++;
    // What the real run route does towards the upstream: it must never see a hostile depth.
    return { size: JSON.stringify(body).length };
  });
  const NO_BODY = route({ output: z.object({ ok: z.boolean() }) }, async () => ({ ok: true }));
  const send = (handler: typeof POST, body: BodyInit, headers: Record<string, string> = {}) =>
    handler(
      new Request("http://console.test/api/thing", {
        method: "POST",
        body,
        headers: { host: "console.test", origin: "http://console.test", ...headers },
        duplex: "half",
      } as RequestInit),
      ctx,
    );
  const envelope = async (res: Response) => bffErrorSchema.parse(await res.json()).error;

  it("400 naming the limit for 20,000-deep arrays and objects (JSON.parse may or may not cope), handler never reached", async () => {
    reached = 0;
    for (const text of [`{"input":${deepText(20_000)}}`, `{"input":${deepObject(20_000)}}`, `{"input":${deepText(MAX_JSON_DEPTH)}}`]) {
      const res = await send(POST, text);
      expect(res.status).toBe(400);
      const error = await envelope(res);
      expect(error.code).toBe("VALIDATION_ERROR");
      expect(error.message).toContain(`${MAX_JSON_DEPTH} levels`);
    }
    expect(reached).toBe(0);
  });

  it("accepts an input at the limit", async () => {
    const res = await send(POST, `{"input":${deepText(MAX_JSON_DEPTH - 1)}}`);
    expect(res.status).toBe(200);
  });

  it("413 PAYLOAD_TOO_LARGE naming the limit for a declared length above it, on routes with and without a body", async () => {
    const big = `{"input":"${"x".repeat(MAX_REQUEST_BODY_BYTES)}"}`;
    for (const handler of [POST, NO_BODY]) {
      const res = await send(handler, big, { "content-length": String(big.length) });
      expect(res.status).toBe(413);
      const error = await envelope(res);
      expect(error.code).toBe("PAYLOAD_TOO_LARGE");
      expect(error.message).toContain(String(MAX_REQUEST_BODY_BYTES));
    }
  });

  it("413 for a streamed body without a length that grows past the limit, and stops reading there", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 50) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await send(POST, stream);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it("a body just under the limit is read", async () => {
    const text = `{"input":"${"x".repeat(MAX_REQUEST_BODY_BYTES - 20)}"}`;
    expect(text.length).toBeLessThanOrEqual(MAX_REQUEST_BODY_BYTES);
    const res = await send(POST, text);
    expect(res.status).toBe(200);
  });
});
