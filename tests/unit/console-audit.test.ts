import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

vi.mock("server-only", () => ({}));

const { makeBffRoute } = await import("@/lib/api/route");
type AuditRecord = import("@/lib/api/route").AuditRecord;
const { PegasusError } = await import("@/lib/pegasus/errors");
const { createPegasusClient } = await import("@/lib/pegasus/transport");
const { auditCsv, csvField, readReasonHeader, reasonHeaders, AUDIT_REASON_HEADER } = await import("@/lib/audit");
const { setLogger } = await import("@/lib/observability/log");
const { pino } = await import("pino");

const SESSION = {
  user: { name: "Ada Admin", email: "ada@x", tenantId: "t-1", tenantName: null, roles: ["tenant_admin"] },
  expires: "2099-01-01",
};
const pegasus = createPegasusClient({
  baseUrl: "http://unused.test",
  timeoutMs: 100,
  fetch: (() => Promise.reject(new Error("unused"))) as typeof fetch,
});
const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

function routes() {
  const records: AuditRecord[] = [];
  const signedIn = makeBffRoute(
    async () => ({ session: SESSION, pegasus, sub: "sub-ada" }),
    async (r) => void records.push(r),
  );
  const anonymous = makeBffRoute(
    async () => null,
    async (r) => void records.push(r),
  );
  return { records, signedIn, anonymous };
}

const params = z.object({ key: z.string().regex(/^[a-z]+$/) });
const body = z.object({ group: z.string(), value: z.string() }).strict();

function post(path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
  return new Request(`http://127.0.0.1:3000${path}`, {
    method: "POST",
    headers: { origin: "http://127.0.0.1:3000", "content-type": "application/json", ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

describe("audit hook of the BFF wrapper", () => {
  it("records actor, action, target, reason and outcome of a success, never the body's value", async () => {
    const { records, signedIn } = routes();
    const handler = signedIn(
      {
        params,
        body,
        output: z.object({ ok: z.boolean() }),
        status: 201,
        audit: { action: "secret.rotate", target: ({ params: p, body: b }) => `secret:${b.group}/${p.key}` },
      },
      async () => ({ ok: true }),
    );
    const res = await handler(
      post("/api/secrets/abc/rotate", {
        body: { group: "g", value: "SUPER-SECRET-MARKER" },
        headers: reasonHeaders("leaked key, rotating (ü)"),
      }),
      ctx({ key: "abc" }),
    );
    expect(res.status).toBe(201);
    expect(records).toEqual([
      {
        tenantId: "t-1",
        actor: { sub: "sub-ada", name: "Ada Admin", email: "ada@x" },
        action: "secret.rotate",
        target: "secret:g/abc",
        reason: "leaked key, rotating (ü)",
        outcome: { status: 201, code: null },
        requestId: expect.any(String),
      },
    ]);
    expect(JSON.stringify(records)).not.toContain("SUPER-SECRET-MARKER");
  });

  it("refuses a reason-required action without a reason (400 REASON_REQUIRED, handler not called) and records the refusal", async () => {
    const { records, signedIn } = routes();
    const called = vi.fn(async () => ({ ok: true }));
    const handler = signedIn(
      {
        params,
        output: z.object({ ok: z.boolean() }),
        audit: { action: "execution.cancel", target: ({ params: p }) => `execution:${p.key}` },
      },
      called,
    );
    const res = await handler(post("/api/x/abc/cancel", { headers: { [AUDIT_REASON_HEADER]: "   " } }), ctx({ key: "abc" }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("REASON_REQUIRED");
    expect(called).not.toHaveBeenCalled();
    expect(records[0]).toMatchObject({
      action: "execution.cancel",
      target: "execution:abc",
      reason: null,
      outcome: { status: 400, code: "REASON_REQUIRED" },
    });
  });

  it("records upstream failures with their status, code and the upstream request id", async () => {
    const { records, signedIn } = routes();
    const handler = signedIn(
      {
        params,
        output: z.object({ ok: z.boolean() }),
        audit: { action: "execution.cancel", target: ({ params: p }) => `execution:${p.key}` },
      },
      async () => {
        throw new PegasusError({ status: 409, code: "EXECUTION_NOT_CANCELLABLE", message: "done", requestId: "up-1", extras: {} });
      },
    );
    const res = await handler(post("/api/x/abc/cancel", { headers: reasonHeaders("stuck") }), ctx({ key: "abc" }));
    expect(res.status).toBe(409);
    expect(records[0]).toMatchObject({ reason: "stuck", outcome: { status: 409, code: "EXECUTION_NOT_CANCELLABLE" }, requestId: "up-1" });
  });

  it("names the requested path as target when the input does not parse, and records nothing without a session", async () => {
    const { records, signedIn, anonymous } = routes();
    const spec = {
      params,
      output: z.object({ ok: z.boolean() }),
      audit: { action: "secret.delete" as const, target: ({ params: p }: { params: { key: string } }) => `secret:${p.key}` },
    };
    const bad = await signedIn(spec, async () => ({ ok: true }))(post("/api/secrets/NOT_OK"), ctx({ key: "NOT_OK" }));
    expect(bad.status).toBe(400);
    expect(records[0]).toMatchObject({ target: "/api/secrets/NOT_OK", outcome: { status: 400, code: "VALIDATION_ERROR" } });
    const anon = await anonymous(spec, async () => ({ ok: true }))(post("/api/secrets/abc"), ctx({ key: "abc" }));
    expect(anon.status).toBe(401);
    expect(records).toHaveLength(1);
  });

  it("keeps the response when the audit write fails", async () => {
    const failing = makeBffRoute(
      async () => ({ session: SESSION, pegasus, sub: "s" }),
      async () => {
        throw new Error("store down");
      },
    );
    const lines: string[] = [];
    setLogger(pino({}, { write: (line: string) => void lines.push(line) }));
    const res = await failing(
      { output: z.object({ ok: z.boolean() }), audit: { action: "workflow.run", target: () => "workflow:x" } },
      async () => ({ ok: true }),
    )(post("/api/w"), ctx({}));
    expect(res.status).toBe(200);
    // The failure is on the server's log, with the action, not in the answer.
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ msg: "audit record could not be written", action: "workflow.run", error: "store down" }),
    );
  });
});

describe("reason header", () => {
  it("round-trips any text and refuses malformed, multi-line or over-long reasons", () => {
    const [name, value] = Object.entries(reasonHeaders("  «déjà» vu, 100%  "))[0]!;
    expect(name).toBe(AUDIT_REASON_HEADER);
    expect(readReasonHeader(value)).toEqual({ ok: true, reason: "«déjà» vu, 100%" });
    expect(readReasonHeader(null)).toEqual({ ok: true, reason: null });
    expect(readReasonHeader("%E0%A4%A")).toMatchObject({ ok: false });
    expect(readReasonHeader(encodeURIComponent("a\nb"))).toMatchObject({ ok: false });
    expect(readReasonHeader("x".repeat(501))).toMatchObject({ ok: false });
    expect(reasonHeaders("  ")).toEqual({});
  });
});

describe("activity CSV", () => {
  it("quotes, doubles quotes and defuses spreadsheet formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvField("=HYPERLINK(1)")).toBe('"\'=HYPERLINK(1)"');
    const text = auditCsv([
      {
        at: "2026-01-01T00:00:00.000Z",
        actor: { sub: "s", name: "Ada", email: null },
        action: "execution.cancel",
        target: "execution:w/e",
        reason: "stuck, sorry",
        outcome: { status: 202, code: null },
        requestId: "r",
      },
    ]);
    expect(text).toBe(
      'at,actor_name,actor_email,actor_sub,action,target,reason,status,code,request_id\r\n2026-01-01T00:00:00.000Z,Ada,,s,execution.cancel,execution:w/e,"stuck, sorry",202,,r\r\n',
    );
  });
});
