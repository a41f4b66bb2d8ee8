/**
 * Contract tests of the integration-config store over real HTTP (pegasus-api.md §9.1, §9.2, §9.7):
 * every route's success and error codes. Each run works in a fresh tenant and fresh integration
 * ids, so it does not depend on (or disturb) the demo seed.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS, PLATFORM_TENANT } from "../../server/identities";
import { call } from "../support/api";
import { createKey, createTenant, mintIdToken, testDb } from "../support/keys";

const FIXTURES = path.resolve(import.meta.dirname, "../../server/seed/integrations-fixtures");

/** A config body assembled from a fixture folder the way the SDK CLI does it. */
function bundle(folder: string): Record<string, unknown> {
  const read = (f: string): unknown => {
    const p = path.join(FIXTURES, folder, f);
    return existsSync(p) ? (JSON.parse(readFileSync(p, "utf8")) as unknown) : undefined;
  };
  const meta = (read("meta.json") ?? {}) as Record<string, unknown>;
  const body: Record<string, unknown> = { mapping: read("mapping.json"), rules: read("rules.json"), corpus: read("corpus.json") };
  for (const [key, value] of Object.entries({
    floor: meta["floor"],
    displayName: meta["displayName"],
    externalShape: read("external-shape.json"),
    externalMapping: read("external-mapping.json"),
    inbound: read("inbound.json"),
    requiredSecrets: meta["requiredSecrets"],
    requiredConfigs: meta["requiredConfigs"],
  })) {
    if (value !== undefined) body[key] = value;
  }
  return body;
}

const GLOBAL = bundle("demo_partner-global");
const OVERLAY = bundle("demo_partner-atlas-v1");
const OPTIONAL_FIELDS = [
  "floor",
  "displayName",
  "externalShape",
  "externalMapping",
  "inbound",
  "requiredSecrets",
  "requiredConfigs",
] as const;
const FULL_KEYS = [
  "id",
  "integrationId",
  "version",
  "visibility",
  "status",
  "mapping",
  "rules",
  "corpus",
  "floor",
  "displayName",
  "externalShape",
  "externalMapping",
  "inbound",
  "requiredSecrets",
  "requiredConfigs",
  "publishedBy",
  "forkedFromConfigId",
  "forkedFromVersion",
  "createdAt",
].sort();
const SUMMARY_KEYS = [
  "id",
  "integrationId",
  "version",
  "visibility",
  "status",
  "floor",
  "displayName",
  "publishedBy",
  "forkedFromConfigId",
  "forkedFromVersion",
  "createdAt",
].sort();
const FORBIDDEN = { error: "Forbidden: insufficient permissions for this action", code: "FORBIDDEN" };

type Row = Record<string, unknown>;
const newId = (label: string) => `ct-${label}-${randomUUID().slice(0, 8)}`;

let tenantId: string;
let platform: { key: string; userId: string };
let publisher: { key: string; userId: string };
let secondTenantPublisher: { key: string; userId: string };

beforeAll(() => {
  tenantId = createTenant("ACTIVE");
  platform = createKey(PLATFORM_TENANT.id, ["integration_publisher"]);
  publisher = createKey(tenantId, ["integration_publisher"]);
  secondTenantPublisher = createKey(createTenant("ACTIVE"), ["integration_publisher"]);
});

const publishGlobal = async (id: string, body: Row = GLOBAL) =>
  call<Row>("POST", `/integrations/${id}/config`, { token: platform.key, body });

describe("public schemas and floors", () => {
  it("GET /integrations/mapping-schema: bare JSON Schema, cacheable, no auth", async () => {
    const r = await call("GET", "/integrations/mapping-schema");
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(r.body).not.toHaveProperty("data");
    expect(r.body).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://pegasus.dolas.dev/schemas/integration-mapping/v3.json",
    });
  });

  it("GET /integrations/inbound-schema: bare JSON Schema of the inbound block", async () => {
    const r = await call("GET", "/integrations/inbound-schema");
    expect(r.status).toBe(200);
    expect(r.body).not.toHaveProperty("data");
    expect(r.body).toMatchObject({ type: "object", required: ["eventType"] });
  });

  it("GET /integrations/floors and /floors/:id; unknown floor 404", async () => {
    const list = await call<Row[]>("GET", "/integrations/floors");
    expect(list.status).toBe(200);
    expect(list.body.data.map((f) => f["floor"])).toContain("shipment_status_update");
    const one = await call<Row>("GET", "/integrations/floors/shipment_status_update");
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({
      floor: "shipment_status_update",
      defaultAction: "save",
      projection: { entityType: "order", localEntityType: "order" },
    });
    expect(one.body.data["factCatalog"]).toMatchObject({ serviceStatus: "string", shipmentCount: "number", hasSurveyDate: "boolean" });
    const missing = await call("GET", "/integrations/floors/nope");
    expect([missing.status, missing.body.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("auth and permissions", () => {
  it("401 without a token, 403 FORBIDDEN without the action", async () => {
    expect((await call("GET", "/integrations/configs")).status).toBe(401);
    const viewer = createKey(tenantId, ["viewer"]);
    const read = await call("GET", "/integrations/configs", { token: viewer.key });
    expect([read.status, read.body]).toEqual([403, FORBIDDEN]);
    // workflow_developer holds neither integration action.
    const dev = createKey(tenantId, ["workflow_developer"]);
    const validate = await call("POST", "/integrations/demo_partner/config/validate", { token: dev.key, body: GLOBAL });
    expect([validate.status, validate.body]).toEqual([403, FORBIDDEN]);
    const get = await call("GET", "/integrations/demo_partner/config", { token: dev.key });
    expect(get.status).toBe(403);
  });

  it("the demo publisher's ID token reads configs", async () => {
    const user = DEMO_USERS.find((u) => u.email === "publisher@atlas.example")!;
    const token = await mintIdToken({ sub: user.sub, "custom:tenantId": user.tenantId, "custom:roles": JSON.stringify(user.roles) });
    expect((await call("GET", "/integrations/configs", { token })).status).toBe(200);
  });
});

describe("POST /integrations/:id/config/validate", () => {
  it("200 with an ok report, writing nothing", async () => {
    const id = newId("validate");
    const r = await call<Row>("POST", `/integrations/${id}/config/validate`, { token: publisher.key, body: GLOBAL });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ ok: true, problems: [], corpus: { total: 14, passed: 14, failures: [] } });
    expect((await call<Row[]>("GET", `/integrations/${id}/config/versions`, { token: publisher.key })).body.data).toEqual([]);
  });

  it("200 even when the gate fails", async () => {
    const r = await call<Row>("POST", `/integrations/${newId("v")}/config/validate`, {
      token: publisher.key,
      body: { ...GLOBAL, mapping: { ...(GLOBAL["mapping"] as Row), bogus: "Id" } },
    });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({
      ok: false,
      problems: [{ stage: "mapping", where: "bogus", problem: 'maps to unknown canonical field "bogus"' }],
    });
  });

  it("the built-in demo_partner needs no floor; an unknown id without floor or an unknown floor is 404", async () => {
    const { floor: _floor, ...withoutFloor } = GLOBAL;
    expect((await call("POST", "/integrations/demo_partner/config/validate", { token: publisher.key, body: withoutFloor })).status).toBe(
      200,
    );
    const unknown = await call("POST", `/integrations/${newId("x")}/config/validate`, { token: publisher.key, body: withoutFloor });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: expect.stringContaining('pass "floor" to target a type floor'), code: "NOT_FOUND" });
    const badFloor = await call("POST", `/integrations/${newId("x")}/config/validate`, {
      token: publisher.key,
      body: { ...GLOBAL, floor: "no_such_floor" },
    });
    expect([badFloor.status, badFloor.body.code]).toEqual([404, "NOT_FOUND"]);
  });

  it("400 VALIDATION_ERROR for a bad body, bad JSON or a bad id", async () => {
    const noCorpus = await call("POST", `/integrations/${newId("x")}/config/validate`, {
      token: publisher.key,
      body: { mapping: {}, rules: [] },
    });
    expect([noCorpus.status, noCorpus.body.code]).toEqual([400, "VALIDATION_ERROR"]);
    const badRequirement = await call("POST", `/integrations/${newId("x")}/config/validate`, {
      token: publisher.key,
      body: { ...GLOBAL, requiredSecrets: [{ key: "1bad" }] },
    });
    expect([badRequirement.status, badRequirement.body.code]).toEqual([400, "VALIDATION_ERROR"]);
    const badJson = await call("POST", `/integrations/${newId("x")}/config/validate`, {
      token: publisher.key,
      rawBody: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect([badJson.status, badJson.body.code]).toEqual([400, "VALIDATION_ERROR"]);
    const deep = "[".repeat(5000) + "]".repeat(5000);
    const tooDeep = await call("POST", `/integrations/${newId("x")}/config/validate`, {
      token: publisher.key,
      rawBody: `{"mapping":${deep},"rules":[],"corpus":[]}`,
      headers: { "content-type": "application/json" },
    });
    expect([tooDeep.status, tooDeep.body]).toEqual([400, { error: "Request body nests deeper than 64 levels", code: "VALIDATION_ERROR" }]);
    const badId = await call("POST", "/integrations/bad%20id/config/validate", { token: publisher.key, body: GLOBAL });
    expect([badId.status, badId.body.code]).toEqual([400, "VALIDATION_ERROR"]);
  });
});

describe("publish and versions", () => {
  it("publishes GLOBAL from the platform tenant with every optional field stored", async () => {
    const id = newId("pub");
    const r = await publishGlobal(id);
    expect(r.status).toBe(201);
    expect(Object.keys(r.body.data).sort()).toEqual(FULL_KEYS);
    expect(r.body.data).toMatchObject({
      integrationId: id,
      version: 1,
      visibility: "GLOBAL",
      status: "PUBLISHED",
      publishedBy: platform.userId,
      forkedFromConfigId: null,
      forkedFromVersion: null,
    });
    for (const field of OPTIONAL_FIELDS) expect(r.body.data[field], field).toEqual(GLOBAL[field]);
    expect(r.body.data).not.toHaveProperty("gateReport");
    const stored = testDb().prepare("SELECT gate_report FROM integration_configs WHERE id = ?").get(r.body.data["id"]) as {
      gate_report: string;
    };
    expect(JSON.parse(stored.gate_report)).toMatchObject({ ok: true });
  });

  it("appends versions, flips the previous one to SUPERSEDED; a bare publish falls back to the floor and nulls", async () => {
    const id = newId("pub");
    await publishGlobal(id);
    const bare = { mapping: GLOBAL["mapping"], rules: GLOBAL["rules"], corpus: GLOBAL["corpus"] };
    // A new id needs a floor, so the second publish (id now known) may leave it out.
    const second = await call<Row>("POST", `/integrations/${id}/config`, { token: platform.key, body: bare });
    expect(second.status).toBe(201);
    expect(second.body.data).toMatchObject({
      version: 2,
      floor: "shipment_status_update",
      displayName: null,
      inbound: null,
      requiredSecrets: null,
      externalMapping: null,
    });
    const versions = await call<Row[]>("GET", `/integrations/${id}/config/versions`, { token: platform.key });
    expect(versions.status).toBe(200);
    expect(versions.body.meta).toEqual({ count: 2 });
    expect(versions.body.data.map((v) => [v["version"], v["status"]])).toEqual([
      [2, "PUBLISHED"],
      [1, "SUPERSEDED"],
    ]);
    expect(Object.keys(versions.body.data[0]!).sort()).toEqual(SUMMARY_KEYS);
  });

  it("a tenant publish is TENANT; each tenant sees its own config and others see GLOBAL", async () => {
    const id = newId("scope");
    await publishGlobal(id);
    const own = await call<Row>("POST", `/integrations/${id}/config`, { token: publisher.key, body: OVERLAY });
    expect(own.status).toBe(201);
    expect(own.body.data).toMatchObject({ visibility: "TENANT", version: 1, publishedBy: publisher.userId });
    const mine = await call<Row>("GET", `/integrations/${id}/config`, { token: publisher.key });
    expect(mine.body.data).toMatchObject({ visibility: "TENANT", id: own.body.data["id"] });
    const theirs = await call<Row>("GET", `/integrations/${id}/config`, { token: secondTenantPublisher.key });
    expect(theirs.body.data).toMatchObject({ visibility: "GLOBAL", version: 1 });
    // Versions are per scope.
    expect((await call<Row[]>("GET", `/integrations/${id}/config/versions`, { token: secondTenantPublisher.key })).body).toEqual({
      data: [],
      meta: { count: 0 },
    });
  });

  it("422 GATE_FAILED with the report, and nothing written", async () => {
    const id = newId("fail");
    await publishGlobal(id);
    const corpus = GLOBAL["corpus"] as Row[];
    const broken = { ...GLOBAL, corpus: [{ ...corpus[0], expected: { valid: false, ruleIds: ["nope"] } }] };
    const r = await call<Row>("POST", `/integrations/${id}/config`, { token: platform.key, body: broken });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      error: "Config failed the validation gate",
      code: "GATE_FAILED",
      report: { ok: false, corpus: { total: 1, passed: 0 } },
    });
    const versions = await call<Row[]>("GET", `/integrations/${id}/config/versions`, { token: platform.key });
    expect(versions.body.data.map((v) => [v["version"], v["status"]])).toEqual([[1, "PUBLISHED"]]);
  });

  it("404 for a new id without floor; 404 No published config on read", async () => {
    const { floor: _floor, ...withoutFloor } = GLOBAL;
    const id = newId("nofloor");
    expect((await call("POST", `/integrations/${id}/config`, { token: publisher.key, body: withoutFloor })).status).toBe(404);
    const get = await call("GET", `/integrations/${id}/config`, { token: publisher.key });
    expect([get.status, get.body]).toEqual([404, { error: "No published config", code: "NOT_FOUND" }]);
  });
});

describe("rollback", () => {
  it("copies version N forward as a new version, every field included", async () => {
    const id = newId("rb");
    await call("POST", `/integrations/${id}/config`, { token: publisher.key, body: GLOBAL });
    await call("POST", `/integrations/${id}/config`, {
      token: publisher.key,
      body: { mapping: GLOBAL["mapping"], rules: GLOBAL["rules"], corpus: GLOBAL["corpus"] },
    });
    const r = await call<Row>("POST", `/integrations/${id}/config/rollback/1`, { token: publisher.key });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({ version: 3, status: "PUBLISHED", visibility: "TENANT" });
    for (const field of [...OPTIONAL_FIELDS, "mapping", "rules", "corpus"] as const)
      expect(r.body.data[field], field).toEqual(GLOBAL[field]);
    const versions = await call<Row[]>("GET", `/integrations/${id}/config/versions`, { token: publisher.key });
    expect(versions.body.data.map((v) => [v["version"], v["status"]])).toEqual([
      [3, "PUBLISHED"],
      [2, "SUPERSEDED"],
      [1, "SUPERSEDED"],
    ]);
  });

  it("400 Invalid version, 404 Version N not found", async () => {
    const id = newId("rb");
    await call("POST", `/integrations/${id}/config`, { token: publisher.key, body: GLOBAL });
    for (const bad of ["abc", "0", "-1", "1.5"]) {
      const r = await call("POST", `/integrations/${id}/config/rollback/${bad}`, { token: publisher.key });
      expect([r.status, r.body], bad).toEqual([400, { error: "Invalid version", code: "VALIDATION_ERROR" }]);
    }
    const missing = await call("POST", `/integrations/${id}/config/rollback/9`, { token: publisher.key });
    expect([missing.status, missing.body]).toEqual([404, { error: "Version 9 not found", code: "NOT_FOUND" }]);
  });

  it("422 GATE_FAILED when the old version no longer passes the current gate", async () => {
    const id = newId("rb");
    const v1 = await call<Row>("POST", `/integrations/${id}/config`, { token: publisher.key, body: GLOBAL });
    await call("POST", `/integrations/${id}/config`, { token: publisher.key, body: GLOBAL });
    // Simulate a version stored under an older, looser gate: it reads a field the floor no longer declares.
    const mapping = { ...(GLOBAL["mapping"] as Row), partnerReference: "Internal.Ref" };
    testDb().prepare("UPDATE integration_configs SET mapping = ? WHERE id = ?").run(JSON.stringify(mapping), v1.body.data["id"]);
    const r = await call<Row>("POST", `/integrations/${id}/config/rollback/1`, { token: publisher.key });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      error: "Rolled-back config no longer passes the gate",
      code: "GATE_FAILED",
      report: {
        ok: false,
        problems: [{ stage: "mapping", where: "partnerReference", problem: 'reads undeclared input field "Internal.Ref"' }],
      },
    });
    expect((await call<Row[]>("GET", `/integrations/${id}/config/versions`, { token: publisher.key })).body.meta).toEqual({ count: 2 });
  });
});

describe("fork", () => {
  it("copies the GLOBAL config into a TENANT overlay with provenance and every field", async () => {
    const id = newId("fork");
    const global = await publishGlobal(id);
    const r = await call<Row>("POST", `/integrations/${id}/config/fork`, { token: publisher.key });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({
      visibility: "TENANT",
      version: 1,
      forkedFromConfigId: global.body.data["id"],
      forkedFromVersion: 1,
      publishedBy: publisher.userId,
    });
    for (const field of [...OPTIONAL_FIELDS, "mapping", "rules", "corpus"] as const)
      expect(r.body.data[field], field).toEqual(GLOBAL[field]);
  });

  it("409 CONFLICT when an overlay exists; force=true re-seeds it as a new version", async () => {
    const id = newId("fork");
    await publishGlobal(id);
    await call("POST", `/integrations/${id}/config`, { token: publisher.key, body: OVERLAY });
    const conflict = await call("POST", `/integrations/${id}/config/fork`, { token: publisher.key });
    expect([conflict.status, conflict.body.code]).toEqual([409, "CONFLICT"]);
    const forced = await call<Row>("POST", `/integrations/${id}/config/fork?force=true`, { token: publisher.key });
    expect(forced.status).toBe(201);
    expect(forced.body.data).toMatchObject({ version: 2, forkedFromVersion: 1, rules: GLOBAL["rules"] });
    const badForce = await call("POST", `/integrations/${id}/config/fork?force=yes`, { token: publisher.key });
    expect([badForce.status, badForce.body.code]).toEqual([400, "VALIDATION_ERROR"]);
  });

  it("400 PLATFORM_TENANT_CANNOT_FORK; 404 without a GLOBAL config", async () => {
    const id = newId("fork");
    await publishGlobal(id);
    const platformFork = await call("POST", `/integrations/${id}/config/fork`, { token: platform.key });
    expect([platformFork.status, platformFork.body.code]).toEqual([400, "PLATFORM_TENANT_CANNOT_FORK"]);
    const none = await call("POST", `/integrations/${newId("none")}/config/fork`, { token: publisher.key });
    expect([none.status, none.body.code]).toEqual([404, "NOT_FOUND"]);
  });

  it("422 GATE_FAILED when the GLOBAL config no longer passes", async () => {
    const id = newId("fork");
    const global = await publishGlobal(id);
    const rules = [
      ...(GLOBAL["rules"] as Row[]),
      { id: "stale", description: "d", field: "serviceStatus", message: "m", when: [{ fact: "retiredFact", op: "eq", value: 1 }] },
    ];
    testDb().prepare("UPDATE integration_configs SET rules = ? WHERE id = ?").run(JSON.stringify(rules), global.body.data["id"]);
    const r = await call<Row>("POST", `/integrations/${id}/config/fork`, { token: publisher.key });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      code: "GATE_FAILED",
      report: { problems: [{ stage: "rules", where: "stale", problem: 'unknown fact "retiredFact"' }] },
    });
    expect((await call<Row[]>("GET", `/integrations/${id}/config/versions`, { token: publisher.key })).body.meta).toEqual({ count: 0 });
  });
});

describe("delete", () => {
  it("a tenant deletes its whole lineage and re-inherits GLOBAL", async () => {
    const id = newId("del");
    await publishGlobal(id);
    await call("POST", `/integrations/${id}/config`, { token: publisher.key, body: OVERLAY });
    await call("POST", `/integrations/${id}/config`, { token: publisher.key, body: OVERLAY });
    const r = await call<Row>("DELETE", `/integrations/${id}/config`, { token: publisher.key });
    expect([r.status, r.body]).toEqual([200, { data: { integrationId: id, visibility: "TENANT", deleted: 2 } }]);
    expect((await call<Row>("GET", `/integrations/${id}/config`, { token: publisher.key })).body.data).toMatchObject({
      visibility: "GLOBAL",
    });
    const again = await call("DELETE", `/integrations/${id}/config`, { token: publisher.key });
    expect([again.status, again.body.code, again.body.error]).toEqual([404, "NOT_FOUND", `No TENANT config published for "${id}"`]);
  });

  it("409 DEPENDENTS_EXIST for a GLOBAL config still overlaid; force=true deletes it and leaves overlays", async () => {
    const id = newId("del");
    await publishGlobal(id);
    await publishGlobal(id);
    await call("POST", `/integrations/${id}/config/fork`, { token: publisher.key });
    const blocked = await call("DELETE", `/integrations/${id}/config`, { token: platform.key });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: "DEPENDENTS_EXIST", dependents: 1 });
    const forced = await call<Row>("DELETE", `/integrations/${id}/config?force=true`, { token: platform.key });
    expect(forced.body).toEqual({ data: { integrationId: id, visibility: "GLOBAL", deleted: 2 } });
    expect((await call<Row>("GET", `/integrations/${id}/config`, { token: publisher.key })).body.data).toMatchObject({
      visibility: "TENANT",
    });
    expect((await call("GET", `/integrations/${id}/config`, { token: secondTenantPublisher.key })).status).toBe(404);
    const gone = await call("DELETE", `/integrations/${id}/config`, { token: platform.key });
    expect([gone.status, gone.body.error]).toEqual([404, `No GLOBAL config published for "${id}"`]);
  });
});

describe("integration lists and requirements", () => {
  it("GET /integrations/configs lists built-ins and visible configs, with meta.count", async () => {
    const id = newId("list");
    await publishGlobal(id);
    const r = await call<Row[]>("GET", "/integrations/configs", { token: secondTenantPublisher.key });
    expect(r.status).toBe(200);
    expect(r.body.meta).toEqual({ count: r.body.data.length });
    const mine = r.body.data.find((s) => s["id"] === id);
    expect(mine).toEqual({ id, name: "Demo Partner", description: expect.any(String), published: true, version: 1, visibility: "GLOBAL" });
    const builtIn = r.body.data.find((s) => s["id"] === "demo_partner");
    expect(builtIn).toMatchObject({ name: "Demo Partner" });
    expect(Object.keys(builtIn!).sort()).toEqual(["description", "id", "name", "published", "version", "visibility"]);
  });

  it("GET /integrations answers Cognito ID tokens only", async () => {
    const token = await mintIdToken({ "custom:tenantId": tenantId, "custom:roles": '["integration_publisher"]' });
    const r = await call<Row[]>("GET", "/integrations", { token });
    expect(r.status).toBe(200);
    expect(r.body).not.toHaveProperty("meta");
    expect(r.body.data.some((s) => s["id"] === "demo_partner")).toBe(true);
    expect((await call("GET", "/integrations", { token: publisher.key })).status).toBe(401);
  });

  it("GET /integrations/requirements-summary resolves declared keys against the tenant's rows", async () => {
    const lonely = createTenant("ACTIVE");
    const key = createKey(lonely, ["integration_publisher"]).key;
    const id = newId("req");
    await call("POST", `/integrations/${id}/config`, { token: key, body: GLOBAL });
    const before = await call<{ integrations: Row[]; totalMissing: number }>("GET", "/integrations/requirements-summary", { token: key });
    expect(before.status).toBe(200);
    const entry = before.body.data.integrations.find((i) => i["integrationId"] === id)!;
    expect(entry).toEqual({
      integrationId: id,
      displayName: "Demo Partner",
      requirements: [
        { kind: "SECRET", key: "DEMO_PARTNER_API_KEY", group: "demo_partner", description: expect.any(String), present: false },
        { kind: "CONFIG", key: "DEMO_PARTNER_BASE_URL", group: "demo_partner", description: expect.any(String), present: false },
        { kind: "CONFIG", key: "DEMO_PARTNER_ACCOUNT", group: "global", description: expect.any(String), present: false },
      ],
      missingCount: 3,
    });
    const now = new Date().toISOString();
    const insert = testDb().prepare(
      "INSERT INTO workflow_secret_configs (id, tenant_id, kind, group_name, key, value, value_ciphertext, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
    );
    insert.run(randomUUID(), lonely, "CONFIG", "global", "DEMO_PARTNER_ACCOUNT", "A-1", null, now, now);
    // Same key as a CONFIG does not satisfy a SECRET requirement, nor does another group.
    insert.run(randomUUID(), lonely, "CONFIG", "demo_partner", "DEMO_PARTNER_API_KEY", "x", null, now, now);
    insert.run(randomUUID(), lonely, "CONFIG", "global", "DEMO_PARTNER_BASE_URL", "x", null, now, now);
    const after = await call<{ integrations: Row[]; totalMissing: number }>("GET", "/integrations/requirements-summary", { token: key });
    const updated = after.body.data.integrations.find((i) => i["integrationId"] === id)!;
    expect((updated["requirements"] as Row[]).map((r) => r["present"])).toEqual([false, false, true]);
    expect(updated["missingCount"]).toBe(2);
    expect(after.body.data.totalMissing).toBe(after.body.data.integrations.reduce((n, i) => n + (i["missingCount"] as number), 0));
  });
});
