import { MutationObserver, QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

/**
 * A small fake of the upstream secrets/configs routes (contract §8), behind the real transport via
 * an injected fetch. It records every request so tests can see what travelled where.
 */
interface Row {
  kind: "SECRET" | "CONFIG";
  key: string;
  group: string;
  value: string;
  description: string | null;
}
const upstream = {
  rows: [] as Row[],
  calls: [] as Array<{ method: string; path: string; body: string | null }>,
  failCreate: false,
  /** When set, the fake echoes the secret value in its create answer (a misbehaving upstream). */
  echoValue: false,
};

function meta(row: Row, i: number) {
  const base = {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    group: row.group,
    key: row.key,
    description: row.description,
    isSecret: row.kind === "SECRET",
    createdByUserId: "b1000000-0000-4000-8000-000000000004",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
  return row.kind === "CONFIG" || upstream.echoValue ? { ...base, value: row.value } : base;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(String(input));
  const method = init?.method ?? "GET";
  const body = typeof init?.body === "string" ? init.body : null;
  upstream.calls.push({ method, path: url.pathname + url.search, body });
  const m = /^\/api\/v1\/workflow-secrets-configs\/(secrets|configs)(?:\/([^/]+))?$/.exec(url.pathname);
  if (!m) return json(404, { error: "Not found", code: "NOT_FOUND" });
  const kind = m[1] === "secrets" ? "SECRET" : "CONFIG";
  const key = m[2] ? decodeURIComponent(m[2]) : null;
  const group = url.searchParams.get("group") ?? "global";
  if (method === "GET") return json(200, { data: upstream.rows.filter((r) => r.kind === kind).map(meta) });
  if (method === "DELETE" && key) {
    const i = upstream.rows.findIndex((r) => r.kind === kind && r.key === key && r.group === group);
    if (i < 0) return json(404, { error: "Secret not found" });
    upstream.rows.splice(i, 1);
    return new Response(null, { status: 204 });
  }
  if (method === "POST" && !key) {
    if (upstream.failCreate) return json(503, { error: "db down" });
    const input = JSON.parse(body ?? "{}") as { key: string; group?: string; value: string; description?: string };
    const g = input.group ?? "global";
    if (upstream.rows.some((r) => r.kind === kind && r.key === input.key && r.group === g)) {
      return json(409, { error: `A secret named "${input.key}" already exists in group "${g}"`, code: "CONFLICT" });
    }
    const row: Row = { kind, key: input.key, group: g, value: input.value, description: input.description ?? null };
    upstream.rows.push(row);
    return json(201, { data: meta(row, upstream.rows.length) });
  }
  return json(405, { error: "no" });
}) as typeof fetch;

const { makeBffRoute } = await import("@/lib/api/route");
const { createPegasusClient } = await import("@/lib/pegasus/transport");
const errors = await import("@/lib/api/errors");
const SESSION = { user: { name: "Ada", email: "a@x", tenantId: "t-1", tenantName: null, roles: ["tenant_admin"] }, expires: "2099-01-01" };
const pegasus = createPegasusClient({ baseUrl: "http://upstream.test/api/v1", timeoutMs: 2_000, fetch: fakeFetch });

// The real route files, bound to a caller with the fake upstream instead of a session.
vi.mock("@/lib/api", () => ({
  bffRoute: makeBffRoute(async () => ({ session: SESSION, pegasus })),
  BffRequestError: errors.BffRequestError,
  bffStatusFor: errors.bffStatusFor,
  errorResponse: errors.errorResponse,
}));
const secretsRoute = await import("@/app/api/secrets/route");
const secretRoute = await import("@/app/api/secrets/[key]/route");
const rotateRoute = await import("@/app/api/secrets/[key]/rotate/route");

const ORIGIN = "http://console.test";
function req(method: string, path: string, body?: unknown): Request {
  return new Request(ORIGIN + path, {
    method,
    // With a reason, as the console's dialogs send one (rotate and delete require it).
    headers: { origin: ORIGIN, host: "console.test", "content-type": "application/json", "x-audit-reason": "unit%20test" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

beforeEach(() => {
  upstream.rows = [];
  upstream.calls = [];
  upstream.failCreate = false;
  upstream.echoValue = false;
});

describe("secrets BFF routes", () => {
  it("POST answers 201 with metadata only, even if the upstream echoed the value", async () => {
    upstream.echoValue = true;
    const res = await secretsRoute.POST(req("POST", "/api/secrets", { key: "API_KEY", group: "billing", value: "MARK-create-1" }), ctx());
    const text = await res.text();
    expect(res.status).toBe(201);
    expect(text).not.toContain("MARK-create-1");
    expect(JSON.parse(text)).toMatchObject({ data: { key: "API_KEY", group: "billing", isSecret: true } });
    // The value travelled once, to the upstream.
    expect(upstream.calls.filter((c) => c.body?.includes("MARK-create-1"))).toHaveLength(1);
  });

  it("a second secret with the same key and group is the contract's 409 CONFLICT, without the value", async () => {
    await secretsRoute.POST(req("POST", "/api/secrets", { key: "API_KEY", group: "billing", value: "MARK-a" }), ctx());
    const res = await secretsRoute.POST(req("POST", "/api/secrets", { key: "API_KEY", group: "billing", value: "MARK-b" }), ctx());
    expect(res.status).toBe(409);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({
      error: { code: "CONFLICT", message: 'A secret named "API_KEY" already exists in group "billing"' },
    });
    expect(text).not.toContain("MARK-b");
  });

  it("rejects bad keys and groups with 400 before calling the upstream", async () => {
    const bad = await secretsRoute.POST(req("POST", "/api/secrets", { key: "1bad", group: "no spaces", value: "MARK-bad" }), ctx());
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toMatch(/key must match/);
    expect(text).toMatch(/group must match/);
    expect(text).not.toContain("MARK-bad");
    const extra = await secretsRoute.POST(req("POST", "/api/secrets", { key: "K", value: "v", extra: 1 }), ctx());
    expect(extra.status).toBe(400);
    expect(upstream.calls).toHaveLength(0);
  });

  it("rejects a cross-origin create", async () => {
    const res = await secretsRoute.POST(
      new Request(`${ORIGIN}/api/secrets`, {
        method: "POST",
        headers: { origin: "http://evil.test", host: "console.test" },
        body: JSON.stringify({ key: "K", value: "v" }),
      }),
      ctx(),
    );
    expect(res.status).toBe(403);
    expect(upstream.calls).toHaveLength(0);
  });

  it("DELETE passes the group and answers what was removed; 404 when absent", async () => {
    await secretsRoute.POST(req("POST", "/api/secrets", { key: "K1", group: "g1", value: "v" }), ctx());
    const res = await secretRoute.DELETE(req("DELETE", "/api/secrets/K1?group=g1"), ctx({ key: "K1" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { key: "K1", group: "g1", deleted: true } });
    expect(upstream.calls.at(-1)).toMatchObject({ method: "DELETE", path: "/api/v1/workflow-secrets-configs/secrets/K1?group=g1" });
    const again = await secretRoute.DELETE(req("DELETE", "/api/secrets/K1?group=g1"), ctx({ key: "K1" }));
    expect(again.status).toBe(404);
  });

  it("rotate deletes then creates in one step and answers metadata only", async () => {
    await secretsRoute.POST(req("POST", "/api/secrets", { key: "ROT", group: "g", value: "MARK-old", description: "d" }), ctx());
    upstream.calls = [];
    const res = await rotateRoute.POST(
      req("POST", "/api/secrets/ROT/rotate", { group: "g", value: "MARK-new", description: "d" }),
      ctx({ key: "ROT" }),
    );
    expect(res.status).toBe(201);
    expect(await res.text()).not.toContain("MARK-new");
    expect(upstream.calls.map((c) => c.method)).toEqual(["DELETE", "POST"]);
    expect(upstream.rows).toEqual([{ kind: "SECRET", key: "ROT", group: "g", value: "MARK-new", description: "d" }]);
  });

  it("rotate of an already-deleted secret just creates it", async () => {
    const res = await rotateRoute.POST(req("POST", "/api/secrets/GONE/rotate", { group: "g", value: "v" }), ctx({ key: "GONE" }));
    expect(res.status).toBe(201);
    expect(upstream.rows.map((r) => r.key)).toEqual(["GONE"]);
  });

  it("rotate says plainly when the old value is gone but the new one failed", async () => {
    await secretsRoute.POST(req("POST", "/api/secrets", { key: "ROT", group: "g", value: "MARK-old" }), ctx());
    upstream.failCreate = true;
    const res = await rotateRoute.POST(req("POST", "/api/secrets/ROT/rotate", { group: "g", value: "MARK-new2" }), ctx({ key: "ROT" }));
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: "ROTATION_INCOMPLETE" } });
    expect(text).toMatch(/was deleted but the new one was not stored/);
    expect(text).not.toContain("MARK-new2");
  });
});

describe("create mutation (browser side)", () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it("sends the value once and keeps it nowhere in the query client", async () => {
    const { saveSecretMutation } = await import("@/lib/queries/secrets");
    const { OneTimeValue } = await import("@/lib/secrets/one-time-value");
    const sent: string[] = [];
    globalThis.fetch = (async (_input: string | URL | Request, init?: RequestInit) => {
      sent.push(String(init?.body));
      return json(201, { data: meta({ kind: "SECRET", key: "K", group: "global", value: "", description: null }, 1) });
    }) as typeof fetch;
    const client = new QueryClient();
    const observer = new MutationObserver(client, saveSecretMutation("create"));
    const draft = { key: "K", group: "global", value: new OneTimeValue("MARK-mutation-42") };
    const result = await observer.mutate(draft);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain("MARK-mutation-42");
    expect(JSON.stringify(result)).not.toContain("MARK-mutation-42");
    expect(draft.value.isSpent).toBe(true);
    // Whatever the cache still holds about the mutation, none of it is the value.
    const cached = client
      .getMutationCache()
      .getAll()
      .map((m) => m.state);
    expect(JSON.stringify(cached)).not.toContain("MARK-mutation-42");
    observer.reset();
    await vi.waitFor(() => expect(client.getMutationCache().getAll()).toHaveLength(0));
    expect(
      JSON.stringify(
        client
          .getQueryCache()
          .getAll()
          .map((q) => q.state),
      ),
    ).not.toContain("MARK-mutation-42");
  });
});
