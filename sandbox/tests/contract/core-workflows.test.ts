import { readFileSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_TENANT, OTHER_TENANT, PLATFORM_TENANT } from "../../server/identities";
import { decryptValue } from "../../server/lib/crypto";
import { call } from "../support/api";
import { createKey, testDb } from "../support/keys";
import { manifestFor, publishWorkflow, putArtifact, uniqueName, type WorkflowDto } from "../support/publish";
import { buildZip, sdkProjectZip } from "../support/zips";

let dev: string; // demo tenant developer key
let other: string; // other tenant admin key
let platform: string; // platform tenant (GLOBAL publisher)
let viewer: string;

beforeAll(() => {
  dev = createKey(DEMO_TENANT.id, ["workflow_developer"]).key;
  other = createKey(OTHER_TENANT.id, ["tenant_admin"]).key;
  platform = inject("seedKeys").platform.key;
  viewer = createKey(DEMO_TENANT.id, ["viewer"]).key;
});

const count = (sql: string, ...args: unknown[]) =>
  (
    testDb()
      .prepare(sql)
      .get(...args) as { n: number }
  ).n;

async function uploadUrl(token: string, name: string, version = "0.1.0", sizeBytes = 100) {
  return call<{ workflowId: string; uploadUrl: string; expiresInSeconds: number }>("POST", "/workflows/upload-url", {
    token,
    body: { name, version, sizeBytes },
  });
}

describe("publish flow: upload-url, PUT, finalize", () => {
  it("publishes a TENANT workflow with artifact facts and a runtime account", async () => {
    const name = uniqueName();
    const zip = await sdkProjectZip("pkg");
    const r = await publishWorkflow(dev, name, {
      zip,
      manifest: manifestFor(name, "0.1.0", { requiredActions: ["SendSms", "ReadWorkflowSecret"], timeoutSeconds: 300 }),
    });
    expect(r.status).toBe(201);
    const wf = r.body.data;
    expect(wf).toMatchObject({
      tenantId: DEMO_TENANT.id,
      name,
      version: "0.1.0",
      visibility: "TENANT",
      executable: true,
      status: "ACTIVE",
      retiredAt: null,
      artifactSizeBytes: zip.length,
      forkedFromWorkflowId: null,
    });
    expect(wf.artifactSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(wf.manifest).toMatchObject({ requiredActions: ["SendSms", "ReadWorkflowSecret"], timeoutSeconds: 300, requiredSecrets: [] });
    expect(Object.keys(wf)).not.toEqual(expect.arrayContaining(["artifactKey"]));
    expect(JSON.stringify(wf)).not.toMatch(/runtimeToken|artifact_key|runtime_/);
    // The runtime key decrypts (tenant id as AAD) and authenticates as a workflow_runtime principal.
    const row = testDb().prepare("SELECT runtime_token_ciphertext AS c FROM workflows WHERE id = ?").get(wf.id) as { c: string };
    const key = Buffer.from(readFileSync(path.join(inject("stateDir"), "secret.key"), "utf8").trim(), "hex");
    const runtimeKey = decryptValue(key, row.c, DEMO_TENANT.id);
    expect(runtimeKey).toMatch(/^vnd_/);
    expect((await call("GET", "/workflows", { token: runtimeKey })).status).toBe(403);
    expect((await call("GET", "/workflow-secrets-configs/runtime/configs/NOPE_NOT_SET", { token: runtimeKey })).status).toBe(404);
  });

  it("upload-url: 201 shape, 400 on bad input, 409 on duplicate name@version", async () => {
    const name = uniqueName();
    const r = await uploadUrl(dev, name);
    expect(r.status).toBe(201);
    expect(r.body.data.expiresInSeconds).toBe(900);
    expect(r.body.data.uploadUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect((await uploadUrl(dev, name, "0.1.0", 10 * 1024 * 1024 + 1)).body.code).toBe("VALIDATION_ERROR");
    expect((await uploadUrl(dev, name, "1.0")).status).toBe(400);
    expect((await uploadUrl(dev, name, "1.0.0", 0)).status).toBe(400);
    await publishWorkflow(dev, name);
    const dup = await uploadUrl(dev, name);
    expect([dup.status, dup.body.code]).toEqual([409, "CONFLICT"]);
    // Another tenant may use the same name@version.
    expect((await uploadUrl(other, name)).status).toBe(201);
  });

  it("PUT target: exact size, single use, expiring, unknown token", async () => {
    const zip = await sdkProjectZip("pkg");
    const up = await uploadUrl(dev, uniqueName(), "0.1.0", zip.length);
    const short = await putArtifact(up.body.data.uploadUrl, zip.subarray(0, 10));
    expect(short.status).toBe(400);
    expect((await putArtifact(up.body.data.uploadUrl, zip)).status).toBe(200);
    expect((await putArtifact(up.body.data.uploadUrl, zip)).status).toBe(409);
    expect((await putArtifact(up.body.data.uploadUrl.replace(/[^/]+$/, "nope"), zip)).status).toBe(403);
    const up2 = await uploadUrl(dev, uniqueName(), "0.1.0", zip.length);
    testDb()
      .prepare("UPDATE workflow_uploads SET expires_at = ? WHERE workflow_id = ?")
      .run("2000-01-01T00:00:00.000Z", up2.body.data.workflowId);
    expect((await putArtifact(up2.body.data.uploadUrl, zip)).status).toBe(403);
  });

  it("finalize: manifest schema errors are 400 VALIDATION_ERROR", async () => {
    const name = uniqueName();
    const zip = await sdkProjectZip("pkg");
    const up = await uploadUrl(dev, name, "0.1.0", zip.length);
    await putArtifact(up.body.data.uploadUrl, zip);
    const fin = (manifest: Record<string, unknown>) =>
      call("POST", "/workflows", { token: dev, body: { workflowId: up.body.data.workflowId, manifest } });
    const unknownAction = await fin(manifestFor(name, "0.1.0", { requiredActions: ["LaunchRockets"] }));
    expect(unknownAction.status).toBe(400);
    expect(unknownAction.body.error).toContain("requiredActions contains unknown action id: LaunchRockets");
    expect((await fin(manifestFor(name, "0.1.0", { dependencies: ["requests"] }))).body.error).toContain("dependencies are not supported");
    expect((await fin(manifestFor(name, "0.1.0", { diagram: "" }))).status).toBe(400);
    expect((await fin(manifestFor(name, "0.1.0", { diagram: "x".repeat(50_001) }))).status).toBe(400);
    expect((await fin(manifestFor(name, "0.1.0", { timeoutSeconds: 901 }))).status).toBe(400);
    expect((await fin(manifestFor(name, "0.1.0", { entryPoints: [] }))).status).toBe(400);
    expect((await fin(manifestFor(name, "0.1.0", { requiredSecrets: [{ key: "1BAD" }] }))).status).toBe(400);
    expect((await fin(manifestFor(name, "0.1.0", { requiredSecrets: [{ key: "OK", extra: 1 }] }))).status).toBe(400);
    expect((await fin(manifestFor(name, "0.2.0"))).body.code).toBe("VALIDATION_ERROR");
    // The slot survives schema errors: a corrected manifest still finalizes.
    expect((await fin(manifestFor(name))).status).toBe(201);
  });

  it("finalize: ARTIFACT_INVALID with problems, and nothing is left behind", async () => {
    const name = uniqueName();
    const zip = await buildZip({ "pkg/workflow.py": "x", "requirements.txt": "requests\n" });
    const usersBefore = count("SELECT COUNT(*) AS n FROM tenant_users");
    const up = await uploadUrl(dev, name, "0.1.0", zip.length);
    await putArtifact(up.body.data.uploadUrl, zip);
    const r = await call<null>("POST", "/workflows", {
      token: dev,
      body: {
        workflowId: up.body.data.workflowId,
        manifest: manifestFor(name, "0.1.0", { entryPoints: ["pkg.workflow:Main", "pkg.missing:X"] }),
      },
    });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe("ARTIFACT_INVALID");
    const problems = r.body.problems as string[];
    expect(problems.some((p) => p.includes("requirements.txt"))).toBe(true);
    expect(problems.some((p) => p.includes("pkg.missing:X"))).toBe(true);
    expect(count("SELECT COUNT(*) AS n FROM workflows WHERE id = ?", up.body.data.workflowId)).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM workflow_uploads WHERE workflow_id = ?", up.body.data.workflowId)).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM tenant_users")).toBe(usersBefore);
    expect(existsSync(path.join(inject("stateDir"), "artifacts", "uploads", `${up.body.data.workflowId}.zip`))).toBe(false);
    expect(existsSync(path.join(inject("stateDir"), "artifacts", DEMO_TENANT.id, `${up.body.data.workflowId}.zip`))).toBe(false);
    // Corrupt bytes and a missing upload are ARTIFACT_INVALID too.
    const junk = Buffer.from("this is not a zip archive, only text bytes");
    const up2 = await uploadUrl(dev, name, "0.1.0", junk.length);
    await putArtifact(up2.body.data.uploadUrl, junk);
    const r2 = await call("POST", "/workflows", {
      token: dev,
      body: { workflowId: up2.body.data.workflowId, manifest: manifestFor(name) },
    });
    expect([r2.status, r2.body.code]).toEqual([422, "ARTIFACT_INVALID"]);
    const up3 = await uploadUrl(dev, name);
    const r3 = await call("POST", "/workflows", {
      token: dev,
      body: { workflowId: up3.body.data.workflowId, manifest: manifestFor(name) },
    });
    expect([r3.status, r3.body.code]).toEqual([422, "ARTIFACT_INVALID"]);
  });

  it("finalize: ARTIFACT_TOO_LARGE when the stored object exceeds 10 MB", async () => {
    const name = uniqueName();
    const zip = await sdkProjectZip("pkg");
    const up = await uploadUrl(dev, name, "0.1.0", zip.length);
    await putArtifact(up.body.data.uploadUrl, zip);
    // Simulate an object store that accepted a bigger body than announced.
    writeFileSync(
      path.join(inject("stateDir"), "artifacts", "uploads", `${up.body.data.workflowId}.zip`),
      Buffer.alloc(10 * 1024 * 1024 + 1),
    );
    const r = await call("POST", "/workflows", { token: dev, body: { workflowId: up.body.data.workflowId, manifest: manifestFor(name) } });
    expect([r.status, r.body.code]).toEqual([422, "ARTIFACT_TOO_LARGE"]);
  });

  it("finalize: 409 CONFLICT for a duplicate, 404 for another tenant's or an unknown upload", async () => {
    const name = uniqueName();
    const zip = await sdkProjectZip("pkg");
    const a = await uploadUrl(dev, name, "0.1.0", zip.length);
    const b = await uploadUrl(dev, name, "0.1.0", zip.length);
    await putArtifact(a.body.data.uploadUrl, zip);
    await putArtifact(b.body.data.uploadUrl, zip);
    expect(
      (await call("POST", "/workflows", { token: dev, body: { workflowId: a.body.data.workflowId, manifest: manifestFor(name) } })).status,
    ).toBe(201);
    const dup = await call("POST", "/workflows", { token: dev, body: { workflowId: b.body.data.workflowId, manifest: manifestFor(name) } });
    expect([dup.status, dup.body.code]).toEqual([409, "CONFLICT"]);
    const c = await uploadUrl(dev, uniqueName(), "0.1.0", zip.length);
    const stolen = await call("POST", "/workflows", {
      token: other,
      body: { workflowId: c.body.data.workflowId, manifest: manifestFor("x") },
    });
    expect(stolen.status).toBe(404);
    expect((await call("POST", "/workflows", { token: dev, body: { workflowId: randomUUID(), manifest: manifestFor("x") } })).status).toBe(
      404,
    );
  });
});

describe("catalog reads", () => {
  let mine: WorkflowDto;
  let global: WorkflowDto;
  let theirs: WorkflowDto;

  beforeAll(async () => {
    mine = (await publishWorkflow(dev, uniqueName("mine"), { manifest: undefined })).body.data;
    global = (await publishWorkflow(platform, uniqueName("global"))).body.data;
    theirs = (await publishWorkflow(other, uniqueName("theirs"))).body.data;
  });

  it("GLOBAL visibility comes from the platform tenant", () => {
    expect(global.visibility).toBe("GLOBAL");
    expect(global.tenantId).toBe(PLATFORM_TENANT.id);
  });

  it("list: own + GLOBAL rows, newest first, never another tenant's", async () => {
    const r = await call<WorkflowDto[]>("GET", "/workflows", { token: viewer });
    expect(r.status).toBe(200);
    const ids = r.body.data.map((w) => w.id);
    expect(ids).toEqual(expect.arrayContaining([mine.id, global.id]));
    expect(ids).not.toContain(theirs.id);
    expect(r.body.meta).toEqual({ count: r.body.data.length });
    const created = r.body.data.map((w) => (w as unknown as { createdAt: string }).createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    expect((await call("GET", "/workflows?includeRetired=maybe", { token: viewer })).status).toBe(400);
  });

  it("get: own and GLOBAL rows; another tenant's id is 404 like a missing one", async () => {
    expect((await call<WorkflowDto>("GET", `/workflows/${mine.id}`, { token: viewer })).body.data.id).toBe(mine.id);
    expect((await call("GET", `/workflows/${global.id}`, { token: viewer })).status).toBe(200);
    const hidden = await call("GET", `/workflows/${theirs.id}`, { token: viewer });
    const missing = await call("GET", `/workflows/${randomUUID()}`, { token: viewer });
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect(hidden.body).toEqual({ error: "Workflow not found", code: "NOT_FOUND" });
  });

  it("download-url serves the exact artifact; bad signatures are refused; other tenants get 404", async () => {
    const zip = await sdkProjectZip("pkg", { "pkg/extra.py": "X = 1\n" });
    const wf = (await publishWorkflow(dev, uniqueName(), { zip })).body.data;
    const r = await call<{ downloadUrl: string; expiresInSeconds: number }>("GET", `/workflows/${wf.id}/download-url`, { token: viewer });
    expect(r.body.data.expiresInSeconds).toBe(300);
    const res = await fetch(r.body.data.downloadUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(Buffer.from(await res.arrayBuffer()).equals(zip)).toBe(true);
    expect((await fetch(r.body.data.downloadUrl.replace(/sig=.*/, "sig=forged"))).status).toBe(403);
    expect((await fetch(r.body.data.downloadUrl.replace(/expires=\d+/, "expires=1000"))).status).toBe(403);
    expect((await call("GET", `/workflows/${wf.id}/download-url`, { token: other })).status).toBe(404);
  });

  it("requirements-summary resolves declared keys against the store (missing group = global)", async () => {
    const name = uniqueName();
    const key = `REQ_${name.replace(/-/g, "_").toUpperCase()}`;
    const wf = (
      await publishWorkflow(dev, name, {
        manifest: manifestFor(name, "0.1.0", {
          requiredSecrets: [{ key, group: "billing", description: "api key" }],
          requiredConfigs: [{ key }],
        }),
      })
    ).body.data;
    type Summary = {
      workflows: Array<{ workflowId: string; missingCount: number; requirements: Array<Record<string, unknown>> }>;
      totalMissing: number;
    };
    const get = async () => (await call<Summary>("GET", "/workflows/requirements-summary", { token: viewer })).body.data;
    const before = await get();
    const entry = before.workflows.find((w) => w.workflowId === wf.id);
    expect(entry?.requirements).toEqual([
      { kind: "SECRET", key, group: "billing", description: "api key", present: false },
      { kind: "CONFIG", key, group: "global", description: null, present: false },
    ]);
    expect(entry?.missingCount).toBe(2);
    const admin = createKey(DEMO_TENANT.id, ["tenant_admin"]).key;
    await call("POST", "/workflow-secrets-configs/secrets", { token: admin, body: { key, group: "billing", value: "v" } });
    await call("POST", "/workflow-secrets-configs/configs", { token: admin, body: { key, value: "" } });
    const after = await get();
    expect(after.workflows.find((w) => w.workflowId === wf.id)?.missingCount).toBe(0);
    expect(after.totalMissing).toBe(before.totalMissing - 2);
  });
});

describe("fork and retire", () => {
  it("fork copies a GLOBAL workflow into the tenant; 409 on repeat; 404 for TENANT rows", async () => {
    const zip = await sdkProjectZip("pkg", { "pkg/lib.py": "Y = 2\n" });
    const g = (await publishWorkflow(platform, uniqueName("lib"), { zip })).body.data;
    const f = await call<WorkflowDto>("POST", `/workflows/${g.id}/fork`, { token: dev });
    expect(f.status).toBe(201);
    expect(f.body.data).toMatchObject({
      tenantId: DEMO_TENANT.id,
      visibility: "TENANT",
      name: g.name,
      version: g.version,
      forkedFromWorkflowId: g.id,
      forkedFromVersion: g.version,
      executable: true,
      artifactSha256: g.artifactSha256,
    });
    expect(f.body.data.manifest).toEqual(g.manifest);
    const again = await call("POST", `/workflows/${g.id}/fork`, { token: dev });
    expect([again.status, again.body.code]).toEqual([409, "CONFLICT"]);
    expect((await call("POST", `/workflows/${f.body.data.id}/fork`, { token: dev })).status).toBe(404);
    const dl = await call<{ downloadUrl: string }>("GET", `/workflows/${f.body.data.id}/download-url`, { token: dev });
    expect(Buffer.from(await (await fetch(dl.body.data.downloadUrl)).arrayBuffer()).equals(zip)).toBe(true);
    expect(count("SELECT COUNT(*) AS n FROM workflows WHERE id = ? AND runtime_token_ciphertext IS NOT NULL", f.body.data.id)).toBe(1);
  });

  it("retire by id: hides the row, keeps triggers readable, blocks re-publish", async () => {
    const name = uniqueName();
    const wf = (await publishWorkflow(dev, name)).body.data;
    const r = await call<{ retired: unknown[]; alreadyRetired: unknown[]; forkCount: number }>("POST", `/workflows/${wf.id}/retire`, {
      token: dev,
    });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ retired: [{ id: wf.id, name, version: "0.1.0" }], alreadyRetired: [], forkCount: 0 });
    expect((await call("GET", `/workflows/${wf.id}`, { token: dev })).status).toBe(404);
    expect((await call<WorkflowDto[]>("GET", "/workflows", { token: dev })).body.data.map((w) => w.id)).not.toContain(wf.id);
    const all = await call<WorkflowDto[]>("GET", "/workflows?includeRetired=true", { token: dev });
    const retired = all.body.data.find((w) => w.id === wf.id);
    expect(retired?.status).toBe("RETIRED");
    expect(retired?.retiredAt).toMatch(/Z$/);
    expect((await call("GET", `/workflows/${wf.id}/triggers`, { token: dev })).status).toBe(200);
    expect((await call("GET", `/workflows/${wf.id}/download-url`, { token: dev })).status).toBe(404);
    expect((await uploadUrl(dev, name)).status).toBe(409);
    const again = await call<{ alreadyRetired: unknown[] }>("POST", `/workflows/${wf.id}/retire`, { token: dev });
    expect(again.body.data.alreadyRetired).toEqual([{ id: wf.id, name, version: "0.1.0" }]);
  });

  it("retire by name: every owned version, or one; counts forks", async () => {
    const name = uniqueName("multi");
    const v1 = (await publishWorkflow(platform, name, { version: "0.1.0" })).body.data;
    const v2 = (await publishWorkflow(platform, name, { version: "0.2.0" })).body.data;
    const fork = await call<WorkflowDto>("POST", `/workflows/${v1.id}/fork`, { token: dev });
    expect(fork.status).toBe(201);
    const one = await call<{ retired: Array<{ id: string }>; forkCount: number }>("POST", "/workflows/retire", {
      token: platform,
      body: { name, version: "0.1.0" },
    });
    expect(one.body.data.retired.map((x) => x.id)).toEqual([v1.id]);
    expect(one.body.data.forkCount).toBe(1);
    const rest = await call<{ retired: Array<{ id: string }>; alreadyRetired: Array<{ id: string }> }>("POST", "/workflows/retire", {
      token: platform,
      body: { name },
    });
    expect(rest.body.data.retired.map((x) => x.id)).toEqual([v2.id]);
    expect(rest.body.data.alreadyRetired.map((x) => x.id)).toEqual([v1.id]);
    // The tenant's fork keeps working.
    expect((await call("GET", `/workflows/${fork.body.data.id}`, { token: dev })).status).toBe(200);
    expect((await call("POST", "/workflows/retire", { token: dev, body: { name: "no-such-workflow" } })).status).toBe(404);
    expect((await call("POST", "/workflows/retire", { token: dev, body: { name, extra: true } })).status).toBe(400);
  });

  it("retire: 403 FORBIDDEN for a GLOBAL row the caller does not own (both forms), 404 for another tenant's", async () => {
    const g = (await publishWorkflow(platform, uniqueName("g"))).body.data;
    const byId = await call("POST", `/workflows/${g.id}/retire`, { token: dev });
    expect([byId.status, byId.body.code]).toEqual([403, "FORBIDDEN"]);
    const byName = await call("POST", "/workflows/retire", { token: dev, body: { name: g.name } });
    expect([byName.status, byName.body.code]).toEqual([403, "FORBIDDEN"]);
    const t = (await publishWorkflow(other, uniqueName("t"))).body.data;
    expect((await call("POST", `/workflows/${t.id}/retire`, { token: dev })).status).toBe(404);
    expect((await call("POST", `/workflows/${t.id}/retire`, { token: viewer })).status).toBe(403);
  });

  it("retire: 409 WORKFLOW_IN_USE with enabled triggers and open executions (from any tenant)", async () => {
    const g = (await publishWorkflow(platform, uniqueName("busy"))).body.data;
    const trig = await call<{ id: string }>("POST", `/workflows/${g.id}/triggers`, {
      token: dev,
      body: { kind: "SCHEDULE", cronExpression: "0 0 * * *" },
    });
    expect(trig.status).toBe(201);
    const execId = randomUUID();
    const now = new Date().toISOString();
    testDb()
      .prepare(
        "INSERT INTO workflow_executions (id, tenant_id, workflow_id, status, queued_at, created_at, updated_at) VALUES (?, ?, ?, 'RUNNING', ?, ?, ?)",
      )
      .run(execId, OTHER_TENANT.id, g.id, now, now, now);
    const r = await call("POST", `/workflows/${g.id}/retire`, { token: platform });
    expect([r.status, r.body.code]).toEqual([409, "WORKFLOW_IN_USE"]);
    expect(r.body.enabledTriggers).toEqual([{ id: trig.body.data.id, workflowId: g.id, version: g.version }]);
    expect(r.body.openExecutions).toEqual([{ id: execId, workflowId: g.id, version: g.version }]);
    expect((await call("GET", `/workflows/${g.id}`, { token: dev })).status).toBe(200);
    await call("PATCH", `/workflows/${g.id}/triggers/${trig.body.data.id}`, { token: dev, body: { enabled: false } });
    testDb().prepare("UPDATE workflow_executions SET status = 'COMPLETED' WHERE id = ?").run(execId);
    expect((await call("POST", `/workflows/${g.id}/retire`, { token: platform })).status).toBe(200);
  });
});
