/**
 * The real SDK CLI (`pegasus-workflows integration-config`) as a conformance client: the fixture
 * bundles publish, pull back byte-for-byte field-complete, roll back, fork and delete.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLATFORM_TENANT } from "../../server/identities";
import { call } from "../support/api";
import { integrationConfigCli } from "../support/integration-cli";
import { createKey, createTenant } from "../support/keys";

const FIXTURES = path.resolve(import.meta.dirname, "../../server/seed/integrations-fixtures");
const id = `ct-cli-${randomUUID().slice(0, 8)}`;
let platformKey: string;
let tenantKey: string;
let workDir: string;

const cli = integrationConfigCli;

beforeAll(() => {
  platformKey = createKey(PLATFORM_TENANT.id, ["integration_publisher"]).key;
  tenantKey = createKey(createTenant("ACTIVE"), ["integration_publisher"]).key;
  workDir = mkdtempSync(path.join(os.tmpdir(), "gate-cli-"));
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("pegasus-workflows integration-config against the sandbox", () => {
  it("validates and publishes the GLOBAL fixture bundle", async () => {
    const dir = path.join(FIXTURES, "demo_partner-global");
    const validate = await cli(["validate", id, "-C", dir], platformKey);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain("gate ok=True corpus=14/14");
    const publish = await cli(["publish", id, "-C", dir], platformKey);
    expect(publish.code, publish.stderr).toBe(0);
    expect(publish.stdout).toContain(`published ${id} v1 (GLOBAL)`);
  });

  it("publishes both tenant overlays, lists versions and rolls back", async () => {
    for (const folder of ["demo_partner-atlas-v1", "demo_partner-atlas-v2"]) {
      const r = await cli(["publish", id, "-C", path.join(FIXTURES, folder)], tenantKey);
      expect(r.code, r.stderr).toBe(0);
    }
    const versions = await cli(["versions", id], tenantKey);
    expect(versions.stdout).toMatch(/v2\tPUBLISHED\tTENANT/);
    expect(versions.stdout).toMatch(/v1\tSUPERSEDED\tTENANT/);
    const rollback = await cli(["rollback", id, "1"], tenantKey);
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(rollback.stdout).toContain(`rolled back ${id} from v1 -> v3`);
  });

  it("fork refuses an existing overlay, --force refreshes it, pull writes every file", async () => {
    const refused = await cli(["fork", id], tenantKey);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("CONFLICT");
    const forced = await cli(["fork", id, "--force", "--yes"], tenantKey);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain(`refreshed ${id} from GLOBAL v1 -> TENANT v4`);
    const out = path.join(workDir, "pulled");
    const pull = await cli(["pull", id, "-C", out], tenantKey);
    expect(pull.code, pull.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "corpus.json",
      "external-mapping.json",
      "external-shape.json",
      "inbound.json",
      "mapping.json",
      "meta.json",
      "rules.json",
    ]);
    for (const file of readdirSync(out)) {
      const pulled = JSON.parse(readFileSync(path.join(out, file), "utf8")) as unknown;
      const original = JSON.parse(readFileSync(path.join(FIXTURES, "demo_partner-global", file), "utf8")) as unknown;
      expect(pulled, file).toEqual(original);
    }
  });

  it("delete is refused while an overlay depends on GLOBAL, then succeeds for the tenant and the platform", async () => {
    const blocked = await cli(["delete", id, "--yes"], platformKey);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain("DEPENDENTS_EXIST");
    const tenantDelete = await cli(["delete", id, "--yes"], tenantKey);
    expect(tenantDelete.stdout).toContain(`deleted ${id} (TENANT) — 4 version(s) removed`);
    const platformDelete = await cli(["delete", id, "--yes"], platformKey);
    expect(platformDelete.stdout).toContain(`deleted ${id} (GLOBAL) — 1 version(s) removed`);
    expect((await call("GET", `/integrations/${id}/config`, { token: tenantKey })).status).toBe(404);
  });
});
