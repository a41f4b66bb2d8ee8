/**
 * The real `pegasus-workflows` CLI (pegasus-workflows-sdk) as a conformance client of the
 * sandbox: init → push → re-push → secrets/config → schedule → requirements → retire.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_TENANT } from "../../server/identities";
import { call } from "../support/api";
import { createKey } from "../support/keys";
import { uniqueName, type WorkflowDto } from "../support/publish";

const home = mkdtempSync(path.join(os.tmpdir(), "core-cli-"));
const name = uniqueName("cli").replace(/-/g, "_");
const project = path.join(home, name);
let token: string;

function cli(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(path.join(inject("venv"), "bin", "pegasus-workflows"), args, {
    cwd: project,
    encoding: "utf8",
    timeout: 60_000,
    env: {
      ...process.env,
      HOME: home,
      PEGASUS_WORKFLOW_TOKEN: token,
      PEGASUS_BASE_URL: inject("apiUrl").replace(/\/api\/v1$/, ""),
      NO_COLOR: "1",
      COLUMNS: "200",
    },
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  token = createKey(DEMO_TENANT.id, ["workflow_developer"]).key;
  const r = spawnSync(path.join(inject("venv"), "bin", "pegasus-workflows"), ["init", name], {
    cwd: home,
    encoding: "utf8",
    env: { ...process.env, HOME: home },
  });
  if (r.status !== 0) throw new Error(`init failed: ${r.stdout}${r.stderr}`);
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("pegasus-workflows CLI against the sandbox", () => {
  it("push publishes; a re-push is skipped as a duplicate", async () => {
    const first = cli("push");
    expect(first.out).toMatch(new RegExp(`published ${name}@0\\.1\\.0 \\(id=[0-9a-f-]{36}, visibility=TENANT\\)`));
    expect(first.status).toBe(0);
    const list = await call<WorkflowDto[]>("GET", "/workflows", { token });
    const wf = list.body.data.find((w) => w.name === name);
    expect(wf).toMatchObject({ version: "0.1.0", executable: true, visibility: "TENANT" });
    expect(String(wf?.manifest.diagram)).toContain("flowchart");
    const again = cli("push");
    expect(again.out).toMatch(/already exists/);
  });

  it("secrets and config commands round-trip through the API", async () => {
    expect(cli("secrets", "set", "CLI_SECRET", "shh-value", "--group", "cli").status).toBe(0);
    const listed = cli("secrets", "list");
    expect(listed.out).toContain("CLI_SECRET");
    expect(listed.out).not.toContain("shh-value");
    expect(cli("config", "set", "CLI_REGION", "eu-west-1").status).toBe(0);
    const configs = await call<Array<{ key: string; value: string }>>("GET", "/workflow-secrets-configs/configs", { token });
    expect(configs.body.data.find((c) => c.key === "CLI_REGION")?.value).toBe("eu-west-1");
  });

  it("schedule create/list/disable use the trigger routes", async () => {
    const created = cli("schedule", "create", name, "--cron", "*/15 * * * *");
    expect(created.status, created.out).toBe(0);
    const listed = cli("schedule", "list", name);
    expect(listed.out).toContain("*/15 * * * *");
    const bad = cli("schedule", "create", name, "--cron", "* * *");
    expect(bad.status).not.toBe(0);
  });

  it("retire refuses while a schedule is enabled, then retires once it is disabled", async () => {
    const blocked = cli("retire", name, "--yes");
    expect(blocked.status).not.toBe(0);
    expect(blocked.out).toMatch(/in use|WORKFLOW_IN_USE|trigger/i);
    const wf = (await call<WorkflowDto[]>("GET", "/workflows", { token })).body.data.find((w) => w.name === name) as WorkflowDto;
    const triggers = await call<Array<{ id: string }>>("GET", `/workflows/${wf.id}/triggers`, { token });
    for (const t of triggers.body.data) await call("PATCH", `/workflows/${wf.id}/triggers/${t.id}`, { token, body: { enabled: false } });
    const done = cli("retire", name, "--yes");
    expect(done.status, done.out).toBe(0);
    expect((await call("GET", `/workflows/${wf.id}`, { token })).status).toBe(404);
  });
});
