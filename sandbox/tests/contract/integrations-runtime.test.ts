/**
 * Contract tests of the runtime transforms (pegasus-api.md §9.8): `vnd_` keys only, bare JSON,
 * resolution own config → GLOBAL → built-in, fail-open validation.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PLATFORM_TENANT } from "../../server/identities";
import { call } from "../support/api";
import { createKey, createTenant, mintIdToken, testDb } from "../support/keys";

const FIXTURES = path.resolve(import.meta.dirname, "../../server/seed/integrations-fixtures");
const read = (folder: string, file: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, folder, file), "utf8")) as unknown;
type Row = Record<string, unknown>;
interface Case {
  name: string;
  input: { order: Row; prior?: Row; action?: string };
  expected: { valid: boolean; ruleIds: string[] };
}

const body = (folder: string, withExternal: boolean): Row => {
  const meta = read(folder, "meta.json") as Row;
  return {
    mapping: read(folder, "mapping.json"),
    rules: read(folder, "rules.json"),
    corpus: read(folder, "corpus.json"),
    floor: meta["floor"],
    displayName: meta["displayName"],
    ...(withExternal ? { externalShape: read(folder, "external-shape.json"), externalMapping: read(folder, "external-mapping.json") } : {}),
  };
};
const corpus = read("demo_partner-global", "corpus.json") as Case[];
const caseNamed = (prefix: string): Case => {
  const found = corpus.find((c) => c.name.startsWith(prefix));
  if (!found) throw new Error(prefix);
  return found;
};

let tenant: string;
let tenantKey: string;
let otherKey: string;
let publisherKey: string;
const id = `ct-runtime-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  tenant = createTenant("ACTIVE");
  // Runtime transforms need no action: a key without roles works.
  tenantKey = createKey(tenant, []).key;
  otherKey = createKey(createTenant("ACTIVE"), []).key;
  publisherKey = createKey(tenant, ["integration_publisher"]).key;
  const platformKey = createKey(PLATFORM_TENANT.id, ["integration_publisher"]).key;
  expect((await call("POST", `/integrations/${id}/config`, { token: platformKey, body: body("demo_partner-global", true) })).status).toBe(
    201,
  );
  expect(
    (await call("POST", `/integrations/${id}/config`, { token: publisherKey, body: body("demo_partner-atlas-v1", false) })).status,
  ).toBe(201);
});

describe("POST /integrations/:id/validate", () => {
  it("returns a bare {valid, issues, degraded}", async () => {
    const r = await call("POST", `/integrations/${id}/validate`, { token: otherKey, body: caseNamed("02 ").input });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      valid: false,
      issues: [
        {
          ruleId: "service-status-not-supplier-settable",
          field: "serviceStatus",
          message: expect.any(String),
          kind: "behavioral",
          severity: "error",
        },
      ],
      degraded: false,
    });
  });

  it("agrees with every GLOBAL corpus case", async () => {
    for (const c of corpus) {
      const r = await call<never>("POST", `/integrations/${id}/validate`, { token: otherKey, body: c.input });
      const result = r.body as unknown as { valid: boolean; issues: Array<{ ruleId: string }>; degraded: boolean };
      expect({ valid: result.valid, ruleIds: result.issues.map((i) => i.ruleId).sort() }, c.name).toEqual({
        valid: c.expected.valid,
        ruleIds: [...c.expected.ruleIds].sort(),
      });
    }
  });

  it("a tenant's own overlay shadows GLOBAL for that tenant only", async () => {
    const order = caseNamed("04 ").input.order;
    const noEstimate = { ...order, Financials: {} };
    const own = await call("POST", `/integrations/${id}/validate`, { token: tenantKey, body: { order: noEstimate } });
    expect(own.body).toMatchObject({ valid: false, issues: [{ ruleId: "atlas-submit-requires-estimate" }] });
    const other = await call("POST", `/integrations/${id}/validate`, { token: otherKey, body: { order: noEstimate } });
    expect(other.body).toEqual({ valid: true, issues: [], degraded: false });
  });

  it("without a prior, uses the tenant's cached projection of the order as the prior state", async () => {
    const c = caseNamed("10 ");
    const request = { order: c.input.order, action: "cancel" };
    expect((await call("POST", `/integrations/${id}/validate`, { token: tenantKey, body: request })).body).toMatchObject({ valid: true });
    const now = new Date().toISOString();
    testDb()
      .prepare(
        "INSERT INTO integration_projections (id, tenant_id, integration_id, entity_type, entity_key, state, created_at, updated_at) VALUES (?, ?, ?, 'order', ?, ?, ?, ?)",
      )
      .run(randomUUID(), tenant, id, "SO-60232", JSON.stringify(c.input.prior), now, now);
    const withCache = await call("POST", `/integrations/${id}/validate`, { token: tenantKey, body: request });
    expect(withCache.body).toMatchObject({ valid: false, issues: [{ ruleId: "no-cancel-after-delivery" }] });
    // An explicit prior wins over the cache; other tenants never read this tenant's cache.
    const explicit = await call("POST", `/integrations/${id}/validate`, {
      token: tenantKey,
      body: { ...request, prior: caseNamed("01 ").input.order },
    });
    expect(explicit.body).toMatchObject({ valid: true });
    expect((await call("POST", `/integrations/${id}/validate`, { token: otherKey, body: request })).body).toMatchObject({ valid: true });
  });

  it("reports structural issues for a payload the contract rejects", async () => {
    const r = await call("POST", `/integrations/${id}/validate`, { token: otherKey, body: { order: { Status: { Code: "???" } } } });
    expect(r.body).toMatchObject({ valid: false, degraded: false });
    const issues = r.body["issues"] as Row[];
    expect(issues.every((i) => i["kind"] === "structural" && i["ruleId"] === "structural")).toBe(true);
    expect(issues.map((i) => i["field"])).toEqual(expect.arrayContaining(["serviceOrderNumber", "serviceStatus"]));
  });

  it("resolves the built-in demo_partner for any tenant", async () => {
    const r = await call("POST", "/integrations/demo_partner/validate", { token: otherKey, body: caseNamed("01 ").input });
    expect(r.body).toEqual({ valid: true, issues: [], degraded: false });
  });

  it("fails open (200, degraded) when the stored definition cannot be used", async () => {
    const broken = `ct-broken-${randomUUID().slice(0, 8)}`;
    const tenant = createTenant("ACTIVE");
    const key = createKey(tenant, ["integration_publisher"]).key;
    const published = await call<Row>("POST", `/integrations/${broken}/config`, { token: key, body: body("demo_partner-global", false) });
    testDb().prepare("UPDATE integration_configs SET rules = ? WHERE id = ?").run('{"not":"a rule set"}', published.body.data["id"]);
    const r = await call("POST", `/integrations/${broken}/validate`, { token: key, body: caseNamed("02 ").input });
    expect([r.status, r.body]).toEqual([200, { valid: true, issues: [], degraded: true }]);
  });
});

describe("POST /integrations/:id/map-to-external and /map-from-external", () => {
  it("projects native data into the partner's external shape", async () => {
    const r = await call("POST", `/integrations/${id}/map-to-external`, { token: otherKey, body: { data: caseNamed("01 ").input.order } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      external: {
        orderNumber: "SO-60232",
        partnerRef: "DP-40017",
        status: "Accepted",
        contact: { name: "Suzanne Polo", email: "suzanne.polo@demopartner.example" },
        surveyOn: "2026-05-27",
        estimate: 4250,
        legs: [{ legId: "1", state: "Booked", weightLbs: 5000, loadedOn: null, deliveredOn: null }],
      },
      valid: true,
      issues: [],
      degraded: false,
    });
  });

  it("is the identity (external = canonical) without an external mapping, and honours the action", async () => {
    const c = caseNamed("10 ");
    const r = await call("POST", `/integrations/${id}/map-to-external`, {
      token: tenantKey,
      body: { data: c.input.order, action: "cancel" },
    });
    expect(r.body["external"]).toMatchObject({ serviceOrderNumber: "SO-60232", serviceStatus: "Delivered" });
    // No prior is sent here, so the cancel rule (which needs the prior state) does not fire.
    expect(r.body).toMatchObject({ valid: true, degraded: false });
  });

  it("normalizes a native payload into the canonical entity", async () => {
    const r = await call("POST", `/integrations/${id}/map-from-external`, {
      token: otherKey,
      body: { data: caseNamed("05 ").input.order },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      canonical: {
        serviceOrderNumber: "SO-60232",
        serviceStatus: "Accepted",
        supplierContactEmail: "suzanne at demopartner",
        contactMadeDate: "2026-05-20",
        estimatedTotalCost: 4250,
      },
      valid: false,
      issues: [{ ruleId: "contact-email-well-formed" }],
      degraded: false,
    });
  });
});

describe("runtime errors", () => {
  it("401 without a vnd_ key: no header, or a Cognito ID token", async () => {
    const token = await mintIdToken({ "custom:tenantId": PLATFORM_TENANT.id, "custom:roles": '["tenant_admin"]' });
    for (const route of ["validate", "map-to-external", "map-from-external"]) {
      const none = await call("POST", `/integrations/${id}/${route}`, { body: { order: {}, data: {} } });
      expect([none.status, none.body.code], route).toEqual([401, "UNAUTHORIZED"]);
      const cognito = await call("POST", `/integrations/${id}/${route}`, { token, body: { order: {}, data: {} } });
      expect([cognito.status, cognito.body.code], route).toEqual([401, "UNAUTHORIZED"]);
    }
    const wrong = await call("POST", `/integrations/${id}/validate`, { token: "vnd_notarealkeyatall000000000", body: { order: {} } });
    expect(wrong.status).toBe(401);
  });

  it("404 for an unknown integration, with a correlation id", async () => {
    for (const route of ["validate", "map-to-external", "map-from-external"]) {
      const r = await call("POST", `/integrations/ct-unknown-${randomUUID().slice(0, 8)}/${route}`, {
        token: otherKey,
        body: { order: {}, data: {} },
      });
      expect(r.status, route).toBe(404);
      expect(r.body).toMatchObject({ code: "NOT_FOUND", correlationId: expect.any(String) });
    }
  });

  it("400 VALIDATION_ERROR for a bad body", async () => {
    const missing = await call("POST", `/integrations/${id}/validate`, { token: otherKey, body: { prior: {} } });
    expect([missing.status, missing.body.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect(missing.body.correlationId).toEqual(missing.headers.get("x-correlation-id"));
    const action = await call("POST", `/integrations/${id}/map-to-external`, { token: otherKey, body: { data: {}, action: "delete" } });
    expect([action.status, action.body.code]).toEqual([400, "VALIDATION_ERROR"]);
    const deep = await call("POST", `/integrations/${id}/validate`, {
      token: otherKey,
      rawBody: `{"order":${"[".repeat(4000)}${"]".repeat(4000)}}`,
    });
    expect([deep.status, deep.body.code]).toEqual([400, "VALIDATION_ERROR"]);
    const noData = await call("POST", `/integrations/${id}/map-from-external`, { token: otherKey, body: {} });
    expect([noData.status, noData.body.code]).toEqual([400, "VALIDATION_ERROR"]);
  });
});
