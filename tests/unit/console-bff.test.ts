import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

vi.mock("server-only", () => ({}));

const { makeBffRoute } = await import("@/lib/api/route");
const { bffStatusFor, errorResponse, BffRequestError } = await import("@/lib/api/errors");
const { isSameOriginRequest } = await import("@/lib/api/origin");
const { PegasusError } = await import("@/lib/pegasus/errors");
const { createPegasusClient } = await import("@/lib/pegasus/transport");
const { bffErrorSchema } = await import("@/lib/schemas/common");
const { markValidated, isValidatedAs } = await import("@/lib/api/validated");

const SESSION = { user: { name: "Ada", email: "a@x", tenantId: "t-1", tenantName: null, roles: ["tenant_admin"] }, expires: "2099-01-01" };
const pegasus = createPegasusClient({
  baseUrl: "http://unused.test",
  timeoutMs: 100,
  fetch: (() => Promise.reject(new Error("unused"))) as typeof fetch,
});

const signedIn = makeBffRoute(async () => ({ session: SESSION, pegasus }));
const anonymous = makeBffRoute(async () => null);

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

async function envelope(res: Response) {
  const body: unknown = await res.json();
  return bffErrorSchema.parse(body).error;
}

describe("bff status table", () => {
  it.each([
    [400, 400],
    [401, 401],
    [403, 403],
    [404, 404],
    [409, 409],
    [422, 422],
    [423, 423],
    [429, 429],
    [413, 413],
    [504, 504],
    [500, 502],
    [502, 502],
    [503, 502],
    [418, 502],
  ])("upstream %i → BFF %i", (upstream, bff) => {
    expect(bffStatusFor(upstream)).toBe(bff);
  });
});

describe("error envelope", () => {
  it("forwards contract extras only, with code, message and request id", async () => {
    const err = new PegasusError({
      status: 409,
      code: "WORKFLOW_IN_USE",
      message: "in use",
      requestId: "r-9",
      extras: { enabledTriggers: [{ id: "t" }], openExecutions: [], correlationId: "internal", stack: "x" },
    });
    const res = errorResponse(err, "fallback");
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toEqual({
      code: "WORKFLOW_IN_USE",
      message: "in use",
      requestId: "r-9",
      enabledTriggers: [{ id: "t" }],
      openExecutions: [],
    });
  });

  it.each([
    [
      "GATE_FAILED",
      "report",
      { ok: false, problems: [{ stage: "mapping", where: "/mapping/a", problem: "bad" }], corpus: { total: 0, passed: 0, failures: [] } },
    ],
    ["ARTIFACT_INVALID", "problems", ["entry point does not resolve"]],
  ])("carries %s's `%s` from an upstream 422 through transport and wrapper", async (code, extra, value) => {
    const upstream = createPegasusClient({
      baseUrl: "http://upstream.test/api/v1",
      timeoutMs: 1000,
      fetch: (async () =>
        Response.json(
          { error: "refused", code, [extra]: value, correlationId: "internal" },
          { status: 422, headers: { "x-request-id": "up-1" } },
        )) as typeof fetch,
    });
    const route = makeBffRoute(async () => ({ session: SESSION, pegasus: upstream }))({ output: z.object({}) }, ({ pegasus: p }) =>
      p.request({ method: "POST", path: "/integrations/x/config", body: {}, schema: z.object({}) }),
    );
    const res = await route(
      new Request("http://console.test/api/integrations/x/config", { method: "POST", headers: { origin: "http://console.test" } }),
      ctx(),
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ code, message: "refused", [extra]: value });
    expect(body.error).not.toHaveProperty("correlationId");
  });

  it("hides upstream 5xx messages but keeps transport messages", async () => {
    const internal = errorResponse(
      new PegasusError({ status: 500, code: "INTERNAL_ERROR", message: "db password wrong", requestId: "r" }),
      "x",
    );
    expect(internal.status).toBe(502);
    expect((await envelope(internal)).message).not.toContain("password");
    const timeout = errorResponse(
      new PegasusError({ status: 504, code: "UPSTREAM_TIMEOUT", message: "no answer in 10 ms", requestId: "r" }),
      "x",
    );
    expect(timeout.status).toBe(504);
    expect((await envelope(timeout)).message).toBe("no answer in 10 ms");
  });

  it("turns unknown errors into 500 INTERNAL_ERROR without details", async () => {
    const res = errorResponse(new Error("secret detail"), "r-1");
    expect(res.status).toBe(500);
    expect(await envelope(res)).toEqual({ code: "INTERNAL_ERROR", message: "The console failed to handle the request", requestId: "r-1" });
  });
});

describe("bff route wrapper", () => {
  const GET = signedIn(
    {
      params: z.object({ id: z.uuid() }),
      query: z.object({ limit: z.coerce.number().int().min(1).max(5) }).strict(),
      output: z.object({ id: z.string(), limit: z.number() }),
    },
    async ({ params, query }) => ({ id: params.id, limit: query.limit }),
  );
  const ID = "11111111-1111-4111-8111-111111111111";

  it("responds {data} parsed with the output schema", async () => {
    const res = await GET(new Request(`http://console.test/api/x/${ID}?limit=3`), ctx({ id: ID }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { id: ID, limit: 3 } });
  });

  it("401 with the envelope when there is no session", async () => {
    const route = anonymous({ output: z.string() }, async () => "never");
    const res = await route(new Request("http://console.test/api/me"), ctx());
    expect(res.status).toBe(401);
    expect(await envelope(res)).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("400 VALIDATION_ERROR on bad params and bad query", async () => {
    const badParam = await GET(new Request("http://console.test/api/x/nope?limit=3"), ctx({ id: "nope" }));
    expect(badParam.status).toBe(400);
    expect(await envelope(badParam)).toMatchObject({ code: "VALIDATION_ERROR" });
    const badQuery = await GET(new Request(`http://console.test/api/x/${ID}?limit=99`), ctx({ id: ID }));
    expect(badQuery.status).toBe(400);
    const e = await envelope(badQuery);
    expect(e.message).toContain("limit");
    expect(e.requestId).toMatch(/[0-9a-f-]{36}/);
  });

  const POST = signedIn(
    { body: z.object({ name: z.string().min(1) }).strict(), output: z.object({ ok: z.boolean() }), status: 201 },
    async () => ({ ok: true }),
  );
  const post = (body: string, headers: Record<string, string>) =>
    POST(new Request("http://console.test/api/thing", { method: "POST", body, headers: { host: "console.test", ...headers } }), ctx());

  it("accepts a same-origin mutation and uses the declared status", async () => {
    const res = await post('{"name":"a"}', { origin: "http://console.test", "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(201);
  });

  it("400 on malformed JSON and on a body that fails the schema", async () => {
    const malformed = await post("{", { origin: "http://console.test" });
    expect(malformed.status).toBe(400);
    expect((await envelope(malformed)).message).toContain("not valid JSON");
    const wrong = await post('{"name":"","extra":1}', { origin: "http://console.test" });
    expect(wrong.status).toBe(400);
  });

  it("403 CROSS_ORIGIN for a foreign Origin or a cross-site fetch, before looking at the session", async () => {
    const foreign = await post('{"name":"a"}', { origin: "http://evil.test" });
    expect(foreign.status).toBe(403);
    expect(await envelope(foreign)).toMatchObject({ code: "CROSS_ORIGIN" });
    const crossSite = await post('{"name":"a"}', { origin: "http://console.test", "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    const noOrigin = await post('{"name":"a"}', {});
    expect(noOrigin.status).toBe(403);
    const anon = anonymous({ output: z.string() }, async () => "x");
    const res = await anon(new Request("http://console.test/api/x", { method: "DELETE", headers: { origin: "http://evil.test" } }), ctx());
    expect(res.status).toBe(403);
  });

  it("maps a PegasusError thrown by the call through the status table", async () => {
    const route = signedIn({ output: z.string() }, async () => {
      throw new PegasusError({ status: 423, code: "WORKFLOWS_DISABLED", message: "off", requestId: "r-5" });
    });
    const res = await route(new Request("http://console.test/api/x"), ctx());
    expect(res.status).toBe(423);
    expect(await envelope(res)).toEqual({ code: "WORKFLOWS_DISABLED", message: "off", requestId: "r-5" });
  });

  it("parses the output once: an upstream value already parsed with the same schema is not parsed again", async () => {
    let checks = 0;
    const row = z.object({ id: z.string() }).refine(() => ++checks > 0);
    const upstream = markValidated(z.array(row), row.array().parse([{ id: "a" }, { id: "b" }]));
    expect(checks).toBe(2);
    // The route writes its own z.array(row): same element schema, so the marked value passes as is.
    const trusted = signedIn({ output: z.array(row) }, async () => upstream);
    const res = await trusted(new Request("http://console.test/api/x"), ctx());
    expect(await res.json()).toEqual({ data: [{ id: "a" }, { id: "b" }] });
    expect(checks).toBe(2);
    // A value the handler builds (even from marked rows) is parsed; so is a marked value under another schema.
    const built = signedIn({ output: z.array(row) }, async () => upstream.filter(() => true));
    await built(new Request("http://console.test/api/x"), ctx());
    expect(checks).toBe(4);
    expect(isValidatedAs(z.array(z.object({ id: z.string() })), upstream)).toBe(false);
    expect(isValidatedAs(row, upstream)).toBe(false);
    // The marked value is frozen, so no unvalidated row can be slipped into it afterwards.
    expect(() => (upstream as Array<{ id: string }>).push({ id: "c" })).toThrow(TypeError);
    const bad = signedIn({ output: z.array(z.object({ id: z.string() })) }, async () => [{ id: 1 }] as unknown as Array<{ id: string }>);
    expect((await bad(new Request("http://console.test/api/x"), ctx())).status).toBe(500);
  });

  it("raises BffRequestError as data too", async () => {
    const route = signedIn({ output: z.string() }, async () => {
      throw new BffRequestError(404, "NOT_FOUND", "none");
    });
    const res = await route(new Request("http://console.test/api/x"), ctx());
    expect(res.status).toBe(404);
  });
});

describe("origin check", () => {
  it("honours forwarded host and proto behind a trusted proxy (TRUST_PROXY)", () => {
    const h = new Headers({
      origin: "https://console.example",
      "x-forwarded-host": "console.example",
      "x-forwarded-proto": "https",
      host: "127.0.0.1:3000",
    });
    expect(isSameOriginRequest(h, "http://127.0.0.1:3000/api/x", { trustProxy: true, publicOrigin: null })).toBe(true);
    expect(isSameOriginRequest(new Headers({ origin: "null", host: "a" }), "http://a/api")).toBe(false);
  });
});
