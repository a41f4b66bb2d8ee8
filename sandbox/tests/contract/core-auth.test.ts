import { inject, describe, expect, it } from "vitest";
import { DEMO_TENANT, DEMO_USERS, OTHER_TENANT } from "../../server/identities";
import { call } from "../support/api";
import { createKey, createTenant, createUnboundKey, mintIdToken, testDb } from "../support/keys";
import { getIdToken, mintExpiredIdToken, mintForgedIdToken } from "../support/tokens";

const user = (email: string) => {
  const u = DEMO_USERS.find((d) => d.email === email);
  if (!u) throw new Error(email);
  return u;
};

describe("auth: bearer parsing and vnd_ keys", () => {
  it("401 UNAUTHORIZED without or with a malformed Authorization header", async () => {
    const variants: Array<Record<string, string>> = [
      {},
      { authorization: "Basic abc" },
      { authorization: "Bearer" },
      { authorization: "Bearer a b" },
    ];
    for (const headers of variants) {
      const r = await call("GET", "/workflows", { headers });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ code: "UNAUTHORIZED" });
    }
  });

  it("accepts a valid key and rejects a wrong one with 401", async () => {
    const { key } = createKey(DEMO_TENANT.id, ["viewer"]);
    expect((await call("GET", "/workflows", { token: key })).status).toBe(200);
    const wrong = key.slice(0, -2) + (key.endsWith("AA") ? "BB" : "AA");
    expect((await call("GET", "/workflows", { token: wrong })).body).toMatchObject({ code: "UNAUTHORIZED" });
    expect((await call("GET", "/workflows", { token: "vnd_short" })).status).toBe(401);
    expect((await call("GET", "/workflows", { token: "vnd_zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz" })).status).toBe(401);
  });

  it("403 FORBIDDEN for a revoked key", async () => {
    const { key, apiClientId } = createKey(DEMO_TENANT.id, ["viewer"]);
    testDb().prepare("UPDATE api_clients SET revoked_at = ? WHERE id = ?").run(new Date().toISOString(), apiClientId);
    const r = await call("GET", "/workflows", { token: key });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe("FORBIDDEN");
  });

  it("403 API_CLIENT_MISCONFIGURED and SERVICE_ACCOUNT_INACTIVE", async () => {
    const unbound = await call("GET", "/workflows", { token: createUnboundKey(DEMO_TENANT.id) });
    expect([unbound.status, unbound.body.code]).toEqual([403, "API_CLIENT_MISCONFIGURED"]);
    // A key bound to a human (non-service-account) user is misconfigured too.
    const { key, apiClientId } = createKey(DEMO_TENANT.id, ["viewer"]);
    testDb().prepare("UPDATE api_clients SET acts_as_user_id = ? WHERE id = ?").run(user("viewer@atlas.example").userId, apiClientId);
    expect((await call("GET", "/workflows", { token: key })).body.code).toBe("API_CLIENT_MISCONFIGURED");
    const inactive = createKey(DEMO_TENANT.id, ["viewer"]);
    testDb().prepare("UPDATE tenant_users SET status = 'INACTIVE' WHERE id = ?").run(inactive.userId);
    const r = await call("GET", "/workflows", { token: inactive.key });
    expect([r.status, r.body.code]).toEqual([403, "SERVICE_ACCOUNT_INACTIVE"]);
  });

  it("tenant state: SUSPENDED → 403 TENANT_SUSPENDED, OFFBOARDED → 404 TENANT_NOT_FOUND (keys and ID tokens)", async () => {
    const suspended = createTenant("SUSPENDED");
    const offboarded = createTenant("OFFBOARDED");
    const s = await call("GET", "/workflows", { token: createKey(suspended, ["tenant_admin"]).key });
    expect([s.status, s.body.code]).toEqual([403, "TENANT_SUSPENDED"]);
    const o = await call("GET", "/workflows", { token: createKey(offboarded, ["tenant_admin"]).key });
    expect([o.status, o.body.code]).toEqual([404, "TENANT_NOT_FOUND"]);
    const idt = await mintIdToken({ "custom:tenantId": suspended, "custom:roles": '["tenant_admin"]' });
    expect((await call("GET", "/workflows", { token: idt })).body.code).toBe("TENANT_SUSPENDED");
    const missing = await mintIdToken({ "custom:tenantId": "00000000-0000-4000-8000-00000000dead", "custom:roles": '["tenant_admin"]' });
    expect((await call("GET", "/workflows", { token: missing })).body.code).toBe("TENANT_NOT_FOUND");
  });
});

describe("auth: Cognito-style ID tokens from the sandbox issuer", () => {
  it("a demo user's ID token works; /me/permissions lists roles and permission strings", async () => {
    const { idToken } = await getIdToken(inject("issuer"), "dev@atlas.example");
    const r = await call<{ roles: string[]; permissions: string[]; capabilities: Record<string, boolean> }>("GET", "/me/permissions", {
      token: idToken,
    });
    expect(r.status).toBe(200);
    expect(r.body.data.roles).toEqual(["workflow_developer"]);
    expect(r.body.data.permissions).toEqual(
      expect.arrayContaining(["workflow:run", "workflow:cancel_execution", "workflow_secret:manage"]),
    );
    expect(r.body.data.permissions).not.toContain("integration_config:publish");
    expect(r.body.data.capabilities).toEqual({ longhaul: false, reporting: false });
    const admin = await call<{ permissions: string[] }>("GET", "/me/permissions", {
      token: (await getIdToken(inject("issuer"), "admin@atlas.example")).idToken,
    });
    expect(admin.body.data.permissions).toEqual(expect.arrayContaining(["usage:read", "integration_config:publish", "ingress:manage"]));
  });

  it("/me/permissions is Cognito-only: a vnd_ key gets 401", async () => {
    const r = await call("GET", "/me/permissions", { token: inject("seedKeys").demo.key });
    expect([r.status, r.body.code]).toEqual([401, "UNAUTHORIZED"]);
  });

  it("401 TOKEN_EXPIRED for an expired token, 401 UNAUTHORIZED for forged and access tokens", async () => {
    const expired = await mintExpiredIdToken(inject("stateDir"), inject("issuer"), "dev@atlas.example");
    expect((await call("GET", "/workflows", { token: expired })).body).toMatchObject({ code: "TOKEN_EXPIRED" });
    const forged = await mintForgedIdToken(inject("issuer"), "admin@atlas.example");
    const f = await call("GET", "/workflows", { token: forged });
    expect([f.status, f.body.code]).toEqual([401, "UNAUTHORIZED"]);
    const { accessToken } = await getIdToken(inject("issuer"), "admin@atlas.example");
    const a = await call("GET", "/workflows", { token: accessToken });
    expect([a.status, a.body.code]).toEqual([401, "UNAUTHORIZED"]);
    const noUse = await mintIdToken({ "custom:tenantId": DEMO_TENANT.id, "custom:roles": '["tenant_admin"]', token_use: "access" });
    expect((await call("GET", "/workflows", { token: noUse })).status).toBe(401);
    const wrongAud = await mintIdToken({ "custom:tenantId": DEMO_TENANT.id, "custom:roles": '["tenant_admin"]', aud: "someone-else" });
    expect((await call("GET", "/workflows", { token: wrongAud })).status).toBe(401);
  });

  it("403 FORBIDDEN when custom:tenantId or custom:roles is missing; malformed roles deny everything", async () => {
    const noTenant = await mintIdToken({ "custom:roles": '["tenant_admin"]' });
    expect((await call("GET", "/workflows", { token: noTenant })).body).toMatchObject({ code: "FORBIDDEN" });
    const noRoles = await mintIdToken({ "custom:tenantId": DEMO_TENANT.id });
    expect((await call("GET", "/workflows", { token: noRoles })).status).toBe(403);
    const malformed = await mintIdToken({ "custom:tenantId": DEMO_TENANT.id, "custom:roles": "tenant_admin" });
    const m = await call("GET", "/workflows", { token: malformed });
    expect([m.status, m.body.code]).toEqual([403, "FORBIDDEN"]);
    const me = await call<{ roles: string[]; permissions: string[] }>("GET", "/me/permissions", { token: malformed });
    expect(me.body.data).toMatchObject({ roles: [], permissions: [] });
  });

  it("403 FORBIDDEN with the contract message for a role without the action", async () => {
    const { idToken } = await getIdToken(inject("issuer"), "viewer@atlas.example");
    const r = await call("POST", "/workflows/upload-url", { token: idToken, body: { name: "x", version: "1.0.0", sizeBytes: 10 } });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ error: "Forbidden: insufficient permissions for this action", code: "FORBIDDEN" });
    const pub = await getIdToken(inject("issuer"), "publisher@atlas.example");
    expect((await call("GET", "/workflows", { token: pub.idToken })).status).toBe(403);
    expect((await call("GET", "/usage/summary", { token: (await getIdToken(inject("issuer"), "dev@atlas.example")).idToken })).status).toBe(
      403,
    );
  });

  it("the other tenant's admin sees only its own tenant", async () => {
    const { idToken } = await getIdToken(inject("issuer"), "admin@borealis.example");
    const r = await call<{ tenantId: string; visibility: string }[]>("GET", "/workflows", { token: idToken });
    expect(r.status).toBe(200);
    for (const w of r.body.data) expect(w.tenantId === OTHER_TENANT.id || w.visibility === "GLOBAL").toBe(true);
  });
});

describe("envelope conventions", () => {
  it("unknown routes → 404 NOT_FOUND; correlation id echoed and exposed", async () => {
    const r = await call("GET", "/definitely-not-a-route", { headers: { "x-correlation-id": "test-corr-123" } });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: "Not found", code: "NOT_FOUND" });
    expect(r.headers.get("x-correlation-id")).toBe("test-corr-123");
    const generated = await call("GET", "/workflows");
    expect(generated.headers.get("x-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("invalid JSON and zod failures → 400 VALIDATION_ERROR", async () => {
    const token = inject("seedKeys").demo.key;
    const bad = await call("POST", "/workflows/upload-url", { token, rawBody: "{nope", headers: { "content-type": "application/json" } });
    expect([bad.status, bad.body.code]).toEqual([400, "VALIDATION_ERROR"]);
    const zod = await call("POST", "/workflows/upload-url", { token, body: { name: "BAD NAME", version: "1", sizeBytes: -1 } });
    expect([zod.status, zod.body.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect(typeof zod.body.error).toBe("string");
  });
});
