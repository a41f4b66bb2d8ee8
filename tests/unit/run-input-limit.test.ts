import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

// Issue #15: the BFF run route refuses an input over Temporal's 2 MB payload limit with a 413
// naming the limit, before any upstream call; the audit trail records the refused attempt.
const upstream = { calls: [] as string[] };
const WORKFLOW = "11111111-1111-4111-8111-111111111111";
const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(String(input));
  upstream.calls.push(`${init?.method ?? "GET"} ${url.pathname}`);
  const body = JSON.parse(String(init?.body ?? "{}")) as { input?: unknown; mode?: string };
  const now = "2026-01-01T00:00:00.000Z";
  const row = {
    id: "99999999-9999-4999-8999-999999999999",
    tenantId: "t-1",
    workflowId: WORKFLOW,
    workflowName: "wf",
    workflowVersion: "0.1.0",
    status: "QUEUED",
    input: body.input ?? {},
    result: null,
    errorMessage: null,
    temporalWorkflowId: null,
    temporalRunId: null,
    triggeredByUserId: null,
    triggerSource: "USER",
    triggeredByTriggerId: null,
    dryRun: body.mode === "dry_run",
    queuedAt: now,
    startedAt: null,
    finishedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  return new Response(JSON.stringify({ data: row }), { status: 201, headers: { "content-type": "application/json" } });
}) as typeof fetch;

const { makeBffRoute } = await import("@/lib/api/route");
const { createPegasusClient } = await import("@/lib/pegasus/transport");
const errors = await import("@/lib/api/errors");
const { PAYLOAD_MAX_BYTES } = await import("@/lib/executions/payload-limits");
const SESSION = {
  user: { name: "Ada", email: "a@x", tenantId: "t-1", tenantName: null, roles: ["workflow_developer"] },
  expires: "2099-01-01",
};
const pegasus = createPegasusClient({ baseUrl: "http://upstream.test/api/v1", timeoutMs: 2_000, fetch: fakeFetch });
const audits: Array<{ action: string; outcome: { status: number; code: string | null } }> = [];
vi.mock("@/lib/api", () => ({
  bffRoute: makeBffRoute(
    async () => ({ session: SESSION, pegasus }),
    async (r) => void audits.push(r),
  ),
  BffRequestError: errors.BffRequestError,
  bffStatusFor: errors.bffStatusFor,
  errorResponse: errors.errorResponse,
}));
const runRoute = await import("@/app/api/workflows/[id]/run/route");

const ORIGIN = "http://console.test";
const run = (body: string) =>
  runRoute.POST(
    new Request(`${ORIGIN}/api/workflows/${WORKFLOW}/run`, {
      method: "POST",
      headers: { origin: ORIGIN, host: "console.test", "content-type": "application/json" },
      body,
    }),
    { params: Promise.resolve({ id: WORKFLOW }) },
  );

/** A run body whose input's JSON is exactly `bytes` long. */
function bodyWithInputOf(bytes: number, mode = "dry_run"): string {
  const wrapper = JSON.stringify({ x: "" }).length;
  return JSON.stringify({ mode, input: { x: "a".repeat(bytes - wrapper) } });
}

beforeEach(() => {
  upstream.calls = [];
  audits.length = 0;
});

describe("POST /api/workflows/:id/run: input size", () => {
  it("refuses an input one byte over 2 MB with a 413 naming the limit, without calling upstream", async () => {
    const res = await run(bodyWithInputOf(PAYLOAD_MAX_BYTES + 1));
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(body.error.message).toContain("2 MB");
    expect(body.error.message).toContain(String(PAYLOAD_MAX_BYTES));
    expect(body.error.message).toContain(String(PAYLOAD_MAX_BYTES + 1));
    expect(upstream.calls).toEqual([]);
    expect(audits).toMatchObject([{ action: "workflow.dry-run", outcome: { status: 413, code: "PAYLOAD_TOO_LARGE" } }]);
  });

  it("counts UTF-8 bytes, not characters", async () => {
    // 700,000 three-byte characters: 2.1 MB of UTF-8 in 0.7 M characters
    const res = await run(JSON.stringify({ mode: "live", input: { text: "€".repeat(700_000) } }));
    expect(res.status).toBe(413);
    expect(upstream.calls).toEqual([]);
  });

  it("starts a run with an input of exactly 2 MB", async () => {
    const res = await run(bodyWithInputOf(PAYLOAD_MAX_BYTES));
    expect(res.status).toBe(201);
    expect(upstream.calls).toEqual([`POST /api/v1/workflows/${WORKFLOW}/run`]);
  });
});
