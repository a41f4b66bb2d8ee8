import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_TENANT, OTHER_TENANT } from "../../server/identities";
import { call } from "../support/api";
import { createKey, testDb } from "../support/keys";

const BASE = "/workflow-secrets-configs";
let admin: string;
let adminUser: string;
let viewer: string;
let runtime: string;
let runtimeOther: string;
let other: string;

beforeAll(() => {
  const a = createKey(DEMO_TENANT.id, ["workflow_developer"]);
  admin = a.key;
  adminUser = a.userId;
  viewer = createKey(DEMO_TENANT.id, ["viewer"]).key;
  runtime = createKey(DEMO_TENANT.id, ["workflow_runtime"]).key;
  runtimeOther = createKey(OTHER_TENANT.id, ["workflow_runtime"]).key;
  other = createKey(OTHER_TENANT.id, ["tenant_admin"]).key;
});

const uniq = () => `K_${Math.random().toString(36).slice(2, 10).toUpperCase()}`;

describe("secrets", () => {
  it("create → metadata only; stored encrypted; runtime read returns the value with no-store", async () => {
    const key = uniq();
    const value = `sk_live_${uniq()}`;
    const r = await call<Record<string, unknown>>("POST", `${BASE}/secrets`, {
      token: admin,
      body: { key, group: "billing", value, description: "Stripe" },
    });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({ group: "billing", key, description: "Stripe", isSecret: true, createdByUserId: adminUser });
    expect(Object.keys(r.body.data).sort()).toEqual([
      "createdAt",
      "createdByUserId",
      "description",
      "group",
      "id",
      "isSecret",
      "key",
      "updatedAt",
    ]);
    expect(r.text).not.toContain(value);
    const row = testDb().prepare("SELECT value, value_ciphertext AS c FROM workflow_secret_configs WHERE key = ?").get(key) as {
      value: string | null;
      c: string;
    };
    expect(row.value).toBeNull();
    expect(row.c).not.toContain(value);
    expect(Buffer.from(row.c, "base64").toString("latin1")).not.toContain(value);
    const list = await call<Array<Record<string, unknown>>>("GET", `${BASE}/secrets`, { token: admin });
    expect(list.text).not.toContain(value);
    expect(list.body.meta).toBeUndefined();
    expect(list.body.data.some((s) => s.key === key)).toBe(true);
    const billing = await call<Array<{ group: string }>>("GET", `${BASE}/secrets?group=billing`, { token: admin });
    expect(billing.body.data.every((s) => s.group === "billing")).toBe(true);
    const rt = await call<{ value: string }>("GET", `${BASE}/runtime/secrets/${key}?group=billing`, { token: runtime });
    expect(rt.status).toBe(200);
    expect(rt.body.data).toEqual({ value });
    expect(rt.headers.get("cache-control")).toBe("no-store");
    expect((await call("GET", `${BASE}/runtime/secrets/${key}`, { token: runtime })).status).toBe(404);
    // Another tenant's runtime key cannot read it; management principals cannot use runtime reads.
    expect((await call("GET", `${BASE}/runtime/secrets/${key}?group=billing`, { token: runtimeOther })).status).toBe(404);
    expect((await call("GET", `${BASE}/runtime/secrets/${key}?group=billing`, { token: admin })).status).toBe(403);
  });

  it("409 CONFLICT on duplicates; same key allowed in another group; write-once (no PUT); delete then recreate", async () => {
    const key = uniq();
    expect((await call("POST", `${BASE}/secrets`, { token: admin, body: { key, value: "a" } })).status).toBe(201);
    const dup = await call("POST", `${BASE}/secrets`, { token: admin, body: { key, value: "b" } });
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual({ error: `A secret named "${key}" already exists in group "global"`, code: "CONFLICT" });
    expect((await call("POST", `${BASE}/secrets`, { token: admin, body: { key, group: "other", value: "b" } })).status).toBe(201);
    expect((await call("PUT", `${BASE}/secrets/${key}`, { token: admin, body: { value: "c" } })).status).toBe(404);
    expect((await call("DELETE", `${BASE}/secrets/${key}`, { token: admin })).status).toBe(204);
    const gone = await call("DELETE", `${BASE}/secrets/${key}`, { token: admin });
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ error: "Secret not found", code: "NOT_FOUND" });
    expect((await call("POST", `${BASE}/secrets`, { token: admin, body: { key, value: "rotated" } })).status).toBe(201);
    expect((await call<{ value: string }>("GET", `${BASE}/runtime/secrets/${key}`, { token: runtime })).body.data.value).toBe("rotated");
  });

  it("400 VALIDATION_ERROR for bad keys, groups, values and unknown fields", async () => {
    const bad = [
      { key: "1abc", value: "x" },
      { key: "ok", group: "bad group", value: "x" },
      { key: "ok", value: "" },
      { key: "ok", value: "x".repeat(65537) },
      { key: "ok", value: "x", description: "d".repeat(501) },
      { key: "ok", value: "x", extra: 1 },
    ];
    for (const body of bad)
      expect((await call("POST", `${BASE}/secrets`, { token: admin, body })).status, JSON.stringify(body).slice(0, 80)).toBe(400);
    expect((await call("GET", `${BASE}/secrets?group=bad%20group`, { token: admin })).status).toBe(400);
  });

  it("RBAC and isolation", async () => {
    expect((await call("GET", `${BASE}/secrets`, { token: viewer })).status).toBe(403);
    expect((await call("GET", `${BASE}/configs`, { token: viewer })).status).toBe(403);
    expect((await call("GET", `${BASE}/secrets`, { token: runtime })).status).toBe(403);
    const key = uniq();
    await call("POST", `${BASE}/secrets`, { token: admin, body: { key, value: "mine" } });
    const theirs = await call<Array<{ key: string }>>("GET", `${BASE}/secrets`, { token: other });
    expect(theirs.body.data.map((s) => s.key)).not.toContain(key);
    expect((await call("DELETE", `${BASE}/secrets/${key}`, { token: other })).status).toBe(404);
  });
});

describe("configs", () => {
  it("create (empty value allowed), list with values, upsert 201/200, delete, runtime read", async () => {
    const key = uniq();
    const c = await call<Record<string, unknown>>("POST", `${BASE}/configs`, { token: admin, body: { key, value: "" } });
    expect(c.status).toBe(201);
    expect(c.body.data).toMatchObject({ key, group: "global", value: "", description: null, isSecret: false });
    expect((await call("POST", `${BASE}/configs`, { token: admin, body: { key, value: "x" } })).body.code).toBe("CONFLICT");
    const upd = await call<Record<string, unknown>>("PUT", `${BASE}/configs/${key}`, {
      token: admin,
      body: { value: "us-east-1", description: "region" },
    });
    expect(upd.status).toBe(200);
    expect(upd.body.data).toMatchObject({ value: "us-east-1", description: "region" });
    const keepDesc = await call<Record<string, unknown>>("PUT", `${BASE}/configs/${key}`, { token: admin, body: { value: "eu-west-1" } });
    expect(keepDesc.body.data.description).toBe("region");
    const clearDesc = await call<Record<string, unknown>>("PUT", `${BASE}/configs/${key}`, {
      token: admin,
      body: { value: "eu-west-1", description: null },
    });
    expect(clearDesc.body.data.description).toBeNull();
    const created = await call<Record<string, unknown>>("PUT", `${BASE}/configs/${key}`, {
      token: admin,
      body: { group: "eu", value: "1" },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ group: "eu", value: "1" });
    expect((await call("PUT", `${BASE}/configs/${key}`, { token: admin, body: { value: "1", key: "nope" } })).status).toBe(400);
    const list = await call<Array<{ key: string; group: string; value: string }>>("GET", `${BASE}/configs`, { token: admin });
    expect(list.body.data.filter((e) => e.key === key).map((e) => [e.group, e.value])).toEqual([
      ["global", "eu-west-1"],
      ["eu", "1"],
    ]);
    const rt = await call<{ value: string }>("GET", `${BASE}/runtime/configs/${key}?group=eu`, { token: runtime });
    expect(rt.body.data).toEqual({ value: "1" });
    expect(rt.headers.get("cache-control")).toBe("no-store");
    expect((await call("DELETE", `${BASE}/configs/${key}?group=eu`, { token: admin })).status).toBe(204);
    expect((await call("GET", `${BASE}/runtime/configs/${key}?group=eu`, { token: runtime })).status).toBe(404);
    expect((await call("DELETE", `${BASE}/configs/${key}?group=eu`, { token: admin })).status).toBe(404);
  });

  it("a SECRET and a CONFIG may share a key", async () => {
    const key = uniq();
    expect((await call("POST", `${BASE}/secrets`, { token: admin, body: { key, value: "s" } })).status).toBe(201);
    expect((await call("POST", `${BASE}/configs`, { token: admin, body: { key, value: "c" } })).status).toBe(201);
    expect((await call<{ value: string }>("GET", `${BASE}/runtime/configs/${key}`, { token: runtime })).body.data.value).toBe("c");
    expect((await call<{ value: string }>("GET", `${BASE}/runtime/secrets/${key}`, { token: runtime })).body.data.value).toBe("s");
  });
});
