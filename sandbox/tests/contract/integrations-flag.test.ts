/**
 * INTEGRATION_CONFIG_PUBLISH_ENABLED off: a second, private sandbox (free port, throw-away state,
 * no Temporal) whose publish, rollback, fork and delete answer 403 FEATURE_DISABLED.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLATFORM_TENANT } from "../../server/identities";
import { createServiceAccountWithKey } from "../../server/lib/api-keys";
import { startSandbox, type RunningSandbox } from "../../server/sandbox";

const FIXTURES = path.resolve(import.meta.dirname, "../../server/seed/integrations-fixtures/demo_partner-global");
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) as unknown;
const BODY = { mapping: read("mapping.json"), rules: read("rules.json"), corpus: read("corpus.json"), floor: "shipment_status_update" };
const DISABLED = { error: "Integration config publishing is not enabled", code: "FEATURE_DISABLED" };

let sandbox: RunningSandbox;
let stateDir: string;

async function request(
  method: string,
  route: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sandbox.apiUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), "gate-flag-"));
  sandbox = await startSandbox({ port: 0, stateDir, temporal: false, seed: false, integrationConfigPublish: false });
});

afterAll(async () => {
  await sandbox?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe("integration-config publishing switched off", () => {
  it("403 FEATURE_DISABLED on publish, rollback, fork and delete; nothing written", async () => {
    const tenantKey = sandbox.seedKeys.demo.key;
    const platformKey = sandbox.seedKeys.platform.key;
    expect(await request("POST", "/integrations/demo_partner/config", platformKey, BODY)).toEqual({ status: 403, body: DISABLED });
    expect(await request("POST", "/integrations/demo_partner/config/rollback/1", tenantKey)).toEqual({ status: 403, body: DISABLED });
    expect(await request("POST", "/integrations/demo_partner/config/fork", tenantKey)).toEqual({ status: 403, body: DISABLED });
    expect(await request("DELETE", "/integrations/demo_partner/config?force=true", platformKey)).toEqual({ status: 403, body: DISABLED });
    const count = sandbox.ctx.db.prepare("SELECT COUNT(*) AS n FROM integration_configs").get() as { n: number };
    expect(count.n).toBe(0);
  });

  it("validate and reads still work", async () => {
    const validate = await request("POST", "/integrations/demo_partner/config/validate", sandbox.seedKeys.demo.key, BODY);
    expect(validate.status).toBe(200);
    expect(validate.body["data"]).toMatchObject({ ok: true });
    const get = await request("GET", "/integrations/demo_partner/config", sandbox.seedKeys.demo.key);
    expect(get).toEqual({ status: 404, body: { error: "No published config", code: "NOT_FOUND" } });
  });

  it("the permission check comes first: 403 FORBIDDEN without PublishIntegrationConfig", async () => {
    const { key } = createServiceAccountWithKey(sandbox.ctx.db, {
      tenantId: PLATFORM_TENANT.id,
      email: "svc-flag-viewer@svc.invalid",
      name: "viewer",
      roleNames: ["viewer"],
      clientName: "flag-viewer",
    });
    const r = await request("POST", "/integrations/demo_partner/config", key, BODY);
    expect([r.status, r.body["code"]]).toEqual([403, "FORBIDDEN"]);
  });
});
