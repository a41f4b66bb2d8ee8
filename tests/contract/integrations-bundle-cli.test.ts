/**
 * The console's bundle against the real SDK CLI: for a config with every optional field set, the
 * zip the console builds holds exactly the files `pegasus-workflows integration-config pull`
 * writes (byte for byte), and `validate` / `publish -C` accept it unchanged once extracted by an
 * independent unzipper (Python's zipfile).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bodyFromConfig } from "@/lib/integrations/body";
import { bundleFilesFromBody } from "@/lib/integrations/bundle";
import { zipTextFiles } from "@/lib/integrations/zip";
import { integrationConfigSchema } from "@/lib/schemas/integration";
import { PLATFORM_TENANT } from "../../sandbox/server/identities";
import { integrationConfigCli } from "../../sandbox/tests/support/integration-cli";
import { createKey } from "../../sandbox/tests/support/keys";

const FIXTURE = path.resolve(import.meta.dirname, "../../sandbox/server/seed/integrations-fixtures/demo_partner-global");
const id = `ct-console-bundle-${Date.now().toString(36)}`;
let key: string;
let workDir: string;

function cli(args: string[]) {
  return integrationConfigCli(args, key);
}

async function activeConfig() {
  const res = await fetch(`${inject("apiUrl")}/integrations/${id}/config`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(200);
  return integrationConfigSchema.parse(((await res.json()) as { data: unknown }).data);
}

function readDir(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));
}

beforeAll(async () => {
  key = createKey(PLATFORM_TENANT.id, ["integration_publisher"]).key;
  workDir = mkdtempSync(path.join(os.tmpdir(), "console-bundle-"));
  const published = await cli(["publish", id, "-C", FIXTURE]);
  expect(published.code, published.stderr).toBe(0);
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("console bundle ↔ SDK CLI", () => {
  it("holds the same files, byte for byte, as the CLI's pull of a config with every optional field", async () => {
    const config = await activeConfig();
    for (const field of [
      "floor",
      "displayName",
      "externalShape",
      "externalMapping",
      "inbound",
      "requiredSecrets",
      "requiredConfigs",
    ] as const) {
      expect(config[field], field).not.toBeNull();
    }
    const pulled = path.join(workDir, "cli-pull");
    const pull = await cli(["pull", id, "-C", pulled]);
    expect(pull.code, pull.stderr).toBe(0);
    expect(bundleFilesFromBody(bodyFromConfig(config))).toEqual(readDir(pulled));
  });

  it("passes the CLI's validate and publishes unchanged from the extracted zip", async () => {
    const before = await activeConfig();
    const zipPath = path.join(workDir, "bundle.zip");
    writeFileSync(zipPath, await zipTextFiles(bundleFilesFromBody(bodyFromConfig(before))));
    const extracted = path.join(workDir, "extracted");
    const unzip = spawnSync("python3", ["-m", "zipfile", "-e", zipPath, extracted], { encoding: "utf8" });
    expect(unzip.status, unzip.stderr).toBe(0);

    const validate = await cli(["validate", id, "-C", extracted]);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain("gate ok=True corpus=14/14");

    const publish = await cli(["publish", id, "-C", extracted]);
    expect(publish.code, publish.stderr).toBe(0);
    const after = await activeConfig();
    expect(after.version).toBe(before.version + 1);
    const strip = ({ id: _i, version: _v, status: _s, createdAt: _c, publishedBy: _p, ...rest }: typeof before) => rest;
    expect(strip(after)).toEqual(strip(before));
  });

  it("a broken rule fails the CLI's validate with the located problem", async () => {
    const body = bodyFromConfig(await activeConfig());
    const rules = (body.rules as Array<Record<string, unknown>>).map((r, i) =>
      i === 0 ? { ...r, when: [{ fact: "noSuchFact", op: "eq", value: 1 }] } : r,
    );
    const files = bundleFilesFromBody({ ...body, rules });
    const dir = path.join(workDir, "broken");
    const zipPath = path.join(workDir, "broken.zip");
    writeFileSync(zipPath, await zipTextFiles(files));
    expect(spawnSync("python3", ["-m", "zipfile", "-e", zipPath, dir]).status).toBe(0);
    const validate = await cli(["validate", id, "-C", dir]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(/\[rules\] service-status-not-supplier-settable: .*noSuchFact/);
  });
});
