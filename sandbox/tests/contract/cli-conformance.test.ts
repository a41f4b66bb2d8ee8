/**
 * The real `pegasus-workflows` CLI (pegasus-workflows-sdk 0.53.0 from the venv, spawned as a
 * process with env credentials and a throw-away HOME) against the test sandbox. Each case checks
 * what the CLI prints, as the SDK's README says it behaves against the real API, AND the state
 * the sandbox's API then reports. Names carry a per-run suffix, so the seeded demo is untouched.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { createCliRunner, type CliRunner } from "../../server/seed/demo";

const apiUrl = inject("apiUrl");
const seedKeys = inject("seedKeys");
const venv = inject("venv");
const demoKey = seedKeys.demo.key;
const platformKey = seedKeys.platform.key;
const suffix = randomBytes(3).toString("hex");

// Each case spawns the CLI several times (~0.6 s of CPU each); on a busy shared machine that
// stretches well past the project's default 60 s.
const CLI_TEST_TIMEOUT_MS = 240_000;

let cli: CliRunner;

beforeAll(() => {
  cli = createCliRunner(venv, apiUrl);
});

afterAll(() => {
  cli.dispose();
});

interface ApiReply {
  status: number;
  body: unknown;
}

/** Call the sandbox API directly to check what a CLI command changed. */
async function api(method: string, route: string, token = demoKey, body?: unknown): Promise<ApiReply> {
  const res = await fetch(`${apiUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** The `data` of a success envelope, parsed with `schema`. */
function dataOf<T extends z.ZodType>(schema: T, reply: ApiReply): z.infer<T> {
  const envelope = z.object({ data: z.unknown() }).parse(reply.body);
  return schema.parse(envelope.data);
}

const requirementSchema = z.object({ key: z.string(), group: z.string(), description: z.string().optional() }).strict();
const workflowSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  visibility: z.enum(["GLOBAL", "TENANT"]),
  executable: z.boolean(),
  status: z.enum(["ACTIVE", "RETIRED"]),
  artifactSha256: z.string().nullable(),
  artifactSizeBytes: z.number().nullable(),
  manifest: z.object({
    name: z.string(),
    version: z.string(),
    entryPoints: z.array(z.string()),
    description: z.string().optional(),
    diagram: z.string(),
    requiredActions: z.array(z.string()),
    requiredSecrets: z.array(requirementSchema),
    requiredConfigs: z.array(requirementSchema),
    timeoutSeconds: z.number().optional(),
  }),
});
// Integration configs store requirements as published; a missing group means "global" (§8 resolveAgainst).
const integrationRequirementSchema = z
  .object({ key: z.string(), group: z.string().optional(), description: z.string().optional() })
  .strict();
const triggerSchema = z.object({ id: z.string(), kind: z.string(), cronExpression: z.string().nullable(), enabled: z.boolean() });
const secretMetaSchema = z
  .object({ id: z.string(), group: z.string(), key: z.string(), description: z.string().nullable(), isSecret: z.literal(true) })
  .passthrough();
const configSchema = z
  .object({ id: z.string(), group: z.string(), key: z.string(), value: z.string(), isSecret: z.literal(false) })
  .passthrough();
const configRowSchema = z.object({
  id: z.string(),
  integrationId: z.string(),
  version: z.number(),
  visibility: z.enum(["GLOBAL", "TENANT"]),
  status: z.enum(["PUBLISHED", "SUPERSEDED"]),
  mapping: z.unknown(),
  rules: z.unknown(),
  corpus: z.array(z.unknown()),
  floor: z.string().nullable(),
  displayName: z.string().nullable(),
  externalShape: z.unknown(),
  externalMapping: z.unknown(),
  inbound: z.unknown(),
  requiredSecrets: z.array(integrationRequirementSchema).nullable(),
  requiredConfigs: z.array(integrationRequirementSchema).nullable(),
});
const versionSummarySchema = z
  .object({ version: z.number(), status: z.enum(["PUBLISHED", "SUPERSEDED"]), visibility: z.string() })
  .passthrough();

const DIAGRAM = `flowchart TD
  A["Manual run"] --> B["count_boxes: count the packed boxes"]
  B --> C["Done"]
`;

interface ProjectSpec {
  name: string;
  version: string;
  requiredActions: string[];
  secrets?: { key: string; group?: string; description?: string }[];
  configs?: { key: string; group?: string; description?: string }[];
  timeoutSeconds?: number;
}

function tomlRequirements(items: { key: string; group?: string; description?: string }[]): string {
  const inner = items
    .map(
      (r) => `{ key = "${r.key}"${r.group ? `, group = "${r.group}"` : ""}${r.description ? `, description = "${r.description}"` : ""} }`,
    )
    .join(", ");
  return `[${inner}]`;
}

/** Write a minimal but real SDK project (what `pegasus-workflows init` scaffolds, edited). */
function writeProject(spec: ProjectSpec): string {
  const dir = path.join(cli.scratch, "tests", `${spec.name}-${spec.version}-${randomBytes(2).toString("hex")}`);
  mkdirSync(path.join(dir, "box_count"), { recursive: true });
  const lines = [
    "[[workflow]]",
    `name = "${spec.name}"`,
    `version = "${spec.version}"`,
    `entry_points = ["box_count.workflow:BoxCount"]`,
    `source_dir = "box_count"`,
    `description = "CLI conformance project"`,
    `required_actions = [${spec.requiredActions.map((a) => `"${a}"`).join(", ")}]`,
  ];
  if (spec.secrets) lines.push(`required_secrets = ${tomlRequirements(spec.secrets)}`);
  if (spec.configs) lines.push(`required_configs = ${tomlRequirements(spec.configs)}`);
  if (spec.timeoutSeconds !== undefined) lines.push(`timeout_seconds = ${spec.timeoutSeconds}`);
  writeFileSync(path.join(dir, "pegasus-workflows.toml"), lines.join("\n") + "\n");
  writeFileSync(path.join(dir, "box_count", "__init__.py"), "");
  writeFileSync(
    path.join(dir, "box_count", "workflow.py"),
    `from datetime import timedelta
from typing import Any

from pegasus_workflows import activity, pegasus_workflow, workflow


@activity.defn
async def count_boxes(order: dict) -> int:
    return len(order.get("boxes", []))


@pegasus_workflow(name="${spec.name}", version="${spec.version}")
class BoxCount:
    @workflow.run
    async def run(self, arg: Any = None) -> int:
        order = arg.get("input", {}) if isinstance(arg, dict) else {}
        return await workflow.execute_activity(count_boxes, order, start_to_close_timeout=timedelta(seconds=10))
`,
  );
  writeFileSync(path.join(dir, "box_count", "workflow.mmd"), DIAGRAM);
  return dir;
}

async function listWorkflows(token = demoKey, includeRetired = false): Promise<z.infer<typeof workflowSchema>[]> {
  return dataOf(z.array(workflowSchema), await api("GET", `/workflows${includeRetired ? "?includeRetired=true" : ""}`, token));
}

describe("push", { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const name = `cli-conformance-${suffix}`;
  let project = "";
  let workflowId = "";

  it("packages, uploads and finalizes a new project, printing the row and writing deployments.toml", async () => {
    project = writeProject({
      name,
      version: "0.1.0",
      requiredActions: ["ReadWorkflowConfig", "ReadWorkflowSecret"],
      secrets: [{ key: "BOX_API_KEY", group: `cli${suffix}`, description: "box vendor key" }],
      configs: [{ key: "BOX_REGION" }],
      timeoutSeconds: 60,
    });
    const { stdout } = await cli.run(["push", "--project-dir", project], demoKey);
    expect(stdout).toContain(`-> requesting upload URL for ${name}@0.1.0`);
    expect(stdout).toContain("-> uploading artifact to S3");
    expect(stdout).toContain("-> finalizing");
    const published = /published (\S+)@0\.1\.0 \(id=([0-9a-f-]{36}), visibility=TENANT\)/.exec(stdout);
    expect(published?.[1]).toBe(name);
    workflowId = published?.[2] ?? "";

    // The ledger: env key derived from the API host, the id the API returned.
    const ledger = readFileSync(path.join(project, "deployments.toml"), "utf8");
    expect(ledger).toMatch(/^\["?127\.0\.0\.1"?\]$/m);
    expect(ledger).toContain(`workflow_id = "${workflowId}"`);
    expect(ledger).toContain('visibility = "TENANT"');

    // The row: the manifest exactly as the SDK's to_api_manifest sent it, the diagram from workflow.mmd.
    const row = dataOf(workflowSchema, await api("GET", `/workflows/${workflowId}`));
    expect(row).toMatchObject({ name, version: "0.1.0", visibility: "TENANT", executable: true, status: "ACTIVE" });
    expect(row.manifest).toEqual({
      name,
      version: "0.1.0",
      entryPoints: ["box_count.workflow:BoxCount"],
      description: "CLI conformance project",
      diagram: DIAGRAM,
      requiredActions: ["ReadWorkflowConfig", "ReadWorkflowSecret"],
      requiredSecrets: [{ key: "BOX_API_KEY", group: `cli${suffix}`, description: "box vendor key" }],
      requiredConfigs: [{ key: "BOX_REGION", group: "global" }],
      timeoutSeconds: 60,
    });

    // The stored artifact is byte for byte the zip the CLI built in dist/.
    const zip = readFileSync(path.join(project, "dist", `${name}-0.1.0.zip`));
    expect(row.artifactSha256).toBe(createHash("sha256").update(zip).digest("hex"));
    expect(row.artifactSizeBytes).toBe(zip.length);
    const download = dataOf(
      z.object({ downloadUrl: z.string().url(), expiresInSeconds: z.literal(300) }),
      await api("GET", `/workflows/${workflowId}/download-url`),
    );
    const served = Buffer.from(await (await fetch(download.downloadUrl)).arrayBuffer());
    expect(createHash("sha256").update(served).digest("hex")).toBe(row.artifactSha256);
  });

  it("re-pushing the same name@version is a 409 the CLI reports as skipped, and nothing changes", async () => {
    const again = await cli.run(["push", "--project-dir", project], demoKey, { allowFailure: true });
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain(`skipped ${name}@0.1.0: already exists for this tenant`);
    const rows = (await listWorkflows()).filter((w) => w.name === name);
    expect(rows.map((w) => w.id)).toEqual([workflowId]);
  });

  it("an unknown required action is refused at finalize (400 VALIDATION_ERROR) and leaves no row", async () => {
    const bad = writeProject({ name: `cli-bad-action-${suffix}`, version: "0.1.0", requiredActions: ["LaunchRockets"] });
    const out = await cli.run(["push", "--project-dir", bad], demoKey, { allowFailure: true });
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toMatch(/failed cli-bad-action-\w+@0\.1\.0: HTTP 400 — VALIDATION_ERROR — [\s\S]*unknown action id: LaunchRockets/);
    expect((await listWorkflows()).some((w) => w.name === `cli-bad-action-${suffix}`)).toBe(false);
    // A later good upload of that name@version is not blocked by the failed one.
    const good = writeProject({ name: `cli-bad-action-${suffix}`, version: "0.1.0", requiredActions: [] });
    const { stdout } = await cli.run(["push", "--project-dir", good], demoKey);
    expect(stdout).toContain(`published cli-bad-action-${suffix}@0.1.0`);
  });

  it("artifacts the server refuses: dependency file, unresolvable entry point (422), over 10 MB (400)", async () => {
    const withDeps = writeProject({ name: `cli-deps-${suffix}`, version: "0.1.0", requiredActions: [] });
    writeFileSync(path.join(withDeps, "box_count", "requirements.txt"), "requests==2.32.0\n");
    const deps = await cli.run(["push", "--project-dir", withDeps], demoKey, { allowFailure: true });
    expect(deps.exitCode).toBe(1);
    expect(deps.stderr).toMatch(/failed cli-deps-\w+@0\.1\.0: HTTP 422 — ARTIFACT_INVALID/);

    const badEntry = writeProject({ name: `cli-entry-${suffix}`, version: "0.1.0", requiredActions: [] });
    const toml = path.join(badEntry, "pegasus-workflows.toml");
    writeFileSync(toml, readFileSync(toml, "utf8").replace("box_count.workflow:BoxCount", "box_count.missing:BoxCount"));
    const entry = await cli.run(["push", "--project-dir", badEntry], demoKey, { allowFailure: true });
    expect(entry.stderr).toMatch(/failed cli-entry-\w+@0\.1\.0: HTTP 422 — ARTIFACT_INVALID/);

    // The SDK allows 25 MB; the server caps executable artifacts at 10 MB at upload-url.
    const big = writeProject({ name: `cli-big-${suffix}`, version: "0.1.0", requiredActions: [] });
    writeFileSync(path.join(big, "box_count", "fixtures.bin"), randomBytes(10 * 1024 * 1024 + 4096));
    const huge = await cli.run(["push", "--project-dir", big], demoKey, { allowFailure: true });
    expect(huge.stderr).toMatch(/failed cli-big-\w+@0\.1\.0: HTTP 400 — VALIDATION_ERROR/);

    const names = new Set((await listWorkflows()).map((w) => w.name));
    for (const n of [`cli-deps-${suffix}`, `cli-entry-${suffix}`, `cli-big-${suffix}`]) expect(names.has(n)).toBe(false);
  });

  it("a project without workflow.mmd fails locally, before any HTTP call", async () => {
    const noDiagram = writeProject({ name: `cli-no-diagram-${suffix}`, version: "0.1.0", requiredActions: [] });
    rmSync(path.join(noDiagram, "box_count", "workflow.mmd"));
    const out = await cli.run(["push", "--project-dir", noDiagram], demoKey, { allowFailure: true });
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toContain("manifest error:");
    expect(out.stderr).toContain("workflow.mmd not found");
    expect((await listWorkflows()).some((w) => w.name === `cli-no-diagram-${suffix}`)).toBe(false);
  });

  it("the platform tenant's push is GLOBAL and visible to the demo tenant", async () => {
    const lib = writeProject({ name: `cli-platform-lib-${suffix}`, version: "1.0.0", requiredActions: [] });
    const { stdout } = await cli.run(["push", "--project-dir", lib], platformKey);
    expect(stdout).toMatch(new RegExp(`published cli-platform-lib-${suffix}@1\\.0\\.0 \\(id=[0-9a-f-]{36}, visibility=GLOBAL\\)`));
    const seen = (await listWorkflows(demoKey)).find((w) => w.name === `cli-platform-lib-${suffix}`);
    expect(seen?.visibility).toBe("GLOBAL");
  });

  it("schedule create/list/disable/enable/delete drive the trigger routes", async () => {
    const spec = `${name}@0.1.0`;
    const created = await cli.run(["schedule", "create", spec, "--cron", "*/15 * * * *"], demoKey);
    const triggerId = /— trigger ([0-9a-f-]{36})/.exec(created.stdout)?.[1] ?? "";
    expect(created.stdout).toContain(`scheduled ${spec} on '*/15 * * * *' (enabled)`);
    let triggers = dataOf(z.array(triggerSchema), await api("GET", `/workflows/${workflowId}/triggers`));
    expect(triggers).toEqual([expect.objectContaining({ id: triggerId, kind: "SCHEDULE", cronExpression: "*/15 * * * *", enabled: true })]);

    const listed = await cli.run(["schedule", "list", spec], demoKey);
    expect(listed.stdout).toContain(`schedules on ${spec}:`);
    expect(listed.stdout).toContain(`*/15 * * * *  enabled  ${triggerId}`);

    await cli.run(["schedule", "disable", spec, triggerId], demoKey);
    triggers = dataOf(z.array(triggerSchema), await api("GET", `/workflows/${workflowId}/triggers`));
    expect(triggers[0]?.enabled).toBe(false);
    await cli.run(["schedule", "enable", spec, triggerId], demoKey);
    triggers = dataOf(z.array(triggerSchema), await api("GET", `/workflows/${workflowId}/triggers`));
    expect(triggers[0]?.enabled).toBe(true);

    // An enabled trigger blocks retire (409 WORKFLOW_IN_USE, printed with the trigger).
    const blocked = await cli.run(["retire", spec, "--yes"], demoKey, { allowFailure: true });
    expect(blocked.exitCode).toBe(1);
    expect(blocked.stderr).toContain("not retired");
    expect(blocked.stderr).toContain(`enabled trigger ${triggerId} on ${name}@0.1.0`);

    const bad = await cli.run(["schedule", "create", spec, "--cron", "61 * * * *"], demoKey, { allowFailure: true });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/^error: /m);

    const deleted = await cli.run(["schedule", "delete", spec, triggerId], demoKey);
    expect(deleted.stdout).toContain(`deleted schedule ${triggerId} from ${spec}`);
    expect(dataOf(z.array(triggerSchema), await api("GET", `/workflows/${workflowId}/triggers`))).toEqual([]);
    const empty = await cli.run(["schedule", "list", spec], demoKey);
    expect(empty.stdout).toContain(`no schedules on ${spec}`);
  });

  it("retire hides the version; a re-push of it still conflicts", async () => {
    const retired = await cli.run(["retire", `${name}@0.1.0`, "--yes"], demoKey);
    expect(retired.stdout).toContain(`retired ${name}: 0.1.0`);
    expect((await api("GET", `/workflows/${workflowId}`)).status).toBe(404);
    expect((await listWorkflows()).some((w) => w.id === workflowId)).toBe(false);
    expect((await listWorkflows(demoKey, true)).find((w) => w.id === workflowId)?.status).toBe("RETIRED");
    const again = await cli.run(["retire", `${name}@0.1.0`, "--yes"], demoKey);
    expect(again.stdout).toContain("already retired: 0.1.0");
    const repush = await cli.run(["push", "--project-dir", project], demoKey, { allowFailure: true });
    expect(repush.stderr).toContain(`skipped ${name}@0.1.0: already exists for this tenant`);
  });
});

describe("secrets and config", { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const group = `cli${suffix}`;
  const secretValue = `sk_cli_${randomBytes(8).toString("hex")}`;

  it("secrets set/list/delete: write-once, values never listed", async () => {
    const set = await cli.run(["secrets", "set", "CLI_SECRET", secretValue, "--group", group, "-d", "conformance secret"], demoKey);
    expect(set.stdout).toContain(`set secret CLI_SECRET (group: ${group})`);

    const listed = await cli.run(["secrets", "list", "--group", group], demoKey);
    expect(listed.stdout.trim()).toBe(`${group}\tCLI_SECRET\tconformance secret`);
    expect(listed.stdout).not.toContain(secretValue);
    const rows = dataOf(z.array(secretMetaSchema), await api("GET", `/workflow-secrets-configs/secrets?group=${group}`));
    expect(rows).toEqual([expect.objectContaining({ key: "CLI_SECRET", group, description: "conformance secret", isSecret: true })]);
    expect(JSON.stringify(rows)).not.toContain(secretValue);

    const again = await cli.run(["secrets", "set", "CLI_SECRET", "other", "--group", group], demoKey, { allowFailure: true });
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain(`secret 'CLI_SECRET' already exists in group '${group}' — delete it first to rotate`);

    const deleted = await cli.run(["secrets", "delete", "CLI_SECRET", "--group", group], demoKey);
    expect(deleted.stdout).toContain(`deleted secret CLI_SECRET (group: ${group})`);
    const gone = await cli.run(["secrets", "delete", "CLI_SECRET", "--group", group], demoKey, { allowFailure: true });
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toContain("delete failed: HTTP 404");
    const none = await cli.run(["secrets", "list", "--group", group], demoKey);
    expect(none.stdout.trim()).toBe("no secrets");
  });

  it("config set is an idempotent upsert; list shows values; delete twice is a 404", async () => {
    await cli.run(["config", "set", "CLI_REGION", "us-east-1", "--group", group], demoKey);
    let rows = dataOf(z.array(configSchema), await api("GET", `/workflow-secrets-configs/configs?group=${group}`));
    expect(rows).toEqual([expect.objectContaining({ key: "CLI_REGION", value: "us-east-1" })]);
    const firstId = rows[0]?.id;

    const replaced = await cli.run(["config", "set", "CLI_REGION", "eu-west-1", "--group", group, "-d", "deploy region"], demoKey);
    expect(replaced.stdout).toContain(`set config CLI_REGION (group: ${group})`);
    rows = dataOf(z.array(configSchema), await api("GET", `/workflow-secrets-configs/configs?group=${group}`));
    expect(rows).toEqual([expect.objectContaining({ id: firstId, key: "CLI_REGION", value: "eu-west-1", description: "deploy region" })]);

    const listed = await cli.run(["config", "list", "--group", group], demoKey);
    expect(listed.stdout.trim()).toBe(`${group}\tCLI_REGION\teu-west-1`);

    await cli.run(["config", "delete", "CLI_REGION", "--group", group], demoKey);
    const gone = await cli.run(["config", "delete", "CLI_REGION", "--group", group], demoKey, { allowFailure: true });
    expect(gone.stderr).toContain("delete failed: HTTP 404");
    expect((await cli.run(["config", "list", "--group", group], demoKey)).stdout.trim()).toBe("no config");
  });

  it("a bad key is refused by the API (400) and reported", async () => {
    const bad = await cli.run(["config", "set", "9-bad-key", "x"], demoKey, { allowFailure: true });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain("set failed: HTTP 400 — VALIDATION_ERROR");
  });

  it("requirements resolves declared keys against the store, both planes merged", async () => {
    const name = `cli-requirements-${suffix}`;
    const project = writeProject({
      name,
      version: "0.1.0",
      requiredActions: ["ReadWorkflowConfig"],
      secrets: [{ key: "REQ_TOKEN", group, description: "token" }],
      configs: [{ key: "REQ_LIMIT", group }],
    });
    await cli.run(["push", "--project-dir", project], demoKey);
    const rowsOf = async (args: string[]) =>
      z
        .array(
          z
            .object({
              kind: z.string(),
              key: z.string(),
              group: z.string(),
              present: z.boolean(),
              consumer: z.string().nullable(),
              consumerKind: z.string(),
            })
            .passthrough(),
        )
        .parse(JSON.parse((await cli.run(["requirements", "--json", ...args], demoKey)).stdout))
        .filter((r) => r.consumer === name);

    expect(await rowsOf([])).toEqual([
      expect.objectContaining({ kind: "SECRET", key: "REQ_TOKEN", group, present: false, consumerKind: "workflow" }),
      expect.objectContaining({ kind: "CONFIG", key: "REQ_LIMIT", group, present: false, consumerKind: "workflow" }),
    ]);
    await cli.run(["config", "set", "REQ_LIMIT", "10", "--group", group], demoKey);
    const after = await rowsOf([]);
    expect(after.find((r) => r.key === "REQ_LIMIT")?.present).toBe(true);
    expect((await rowsOf(["--missing-only"])).map((r) => r.key)).toEqual(["REQ_TOKEN"]);
    // Presence is an exact (group, key) match: the same key in `global` does not count.
    await cli.run(["secrets", "set", "REQ_TOKEN", "t0ken"], demoKey);
    expect((await rowsOf(["--missing-only"])).map((r) => r.key)).toEqual(["REQ_TOKEN"]);

    const text = await cli.run(["requirements", "--missing-only"], demoKey);
    expect(text.stdout).toContain(`MISSING\t${group}\tREQ_TOKEN\tsecret\tworkflow:${name}\ttoken`);
    // The integration plane is read too (the seeded demo_partner overlay declares keys).
    expect(text.stdout).toMatch(/MISSING\t\S+\t\S+\tconfig\tintegration:/);
  });
});

describe("integration-config", { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const integrationId = `cli_conf_${suffix}`;
  const globalId = `cli_conf_global_${suffix}`;
  let pulled = "";

  it("pull writes the active demo_partner config as the CLI's working files", async () => {
    pulled = path.join(cli.scratch, "pulled-demo-partner");
    const out = await cli.run(["integration-config", "pull", "demo_partner", "--dir", pulled], demoKey);
    const reply = await api("GET", "/integrations/demo_partner/config");
    const active = dataOf(configRowSchema, reply);
    expect(out.stdout).toContain(`pulled demo_partner v${active.version} (${active.visibility})`);
    const read = (f: string): unknown => JSON.parse(readFileSync(path.join(pulled, f), "utf8"));
    expect(read("mapping.json")).toEqual(active.mapping);
    expect(read("rules.json")).toEqual(active.rules);
    expect(read("corpus.json")).toEqual(active.corpus);
    const meta = z.object({ floor: z.string().nullable(), displayName: z.string().nullable() }).passthrough().parse(read("meta.json"));
    expect(meta).toMatchObject({ floor: active.floor, displayName: active.displayName });
    for (const [file, value] of [
      ["external-shape.json", active.externalShape],
      ["external-mapping.json", active.externalMapping],
      ["inbound.json", active.inbound],
    ] as const) {
      expect(existsSync(path.join(pulled, file))).toBe(value !== null && value !== undefined);
    }
    const printed = await cli.run(["integration-config", "pull", "demo_partner", "--stdout"], demoKey);
    expect(JSON.parse(printed.stdout)).toEqual(z.object({ data: z.unknown() }).parse(reply.body).data);
  });

  it("validate runs the gate without writing; a broken rule fails with its stage", async () => {
    const before = await api("GET", "/integrations/demo_partner/config/versions");
    const ok = await cli.run(["integration-config", "validate", "demo_partner", "--dir", pulled], demoKey);
    expect(ok.stdout).toMatch(/gate ok=True corpus=(\d+)\/\1/);

    const broken = path.join(cli.scratch, "broken-rules");
    mkdirSync(broken, { recursive: true });
    for (const f of ["mapping.json", "corpus.json", "meta.json"]) writeFileSync(path.join(broken, f), readFileSync(path.join(pulled, f)));
    writeFileSync(
      path.join(broken, "rules.json"),
      JSON.stringify([
        { id: "no-such-fact", description: "d", field: "serviceStatus", message: "m", when: [{ fact: "notAFact", op: "eq", value: 1 }] },
      ]),
    );
    const bad = await cli.run(["integration-config", "validate", "demo_partner", "--dir", broken], demoKey, { allowFailure: true });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain("gate ok=False");
    expect(bad.stderr).toMatch(/\[rules\] no-such-fact: .*notAFact/);
    expect(await api("GET", "/integrations/demo_partner/config/versions")).toEqual(before);

    const missing = await cli.run(["integration-config", "validate", "demo_partner", "--dir", path.join(cli.scratch, "nowhere")], demoKey, {
      allowFailure: true,
    });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain("missing mapping.json");
  });

  it("publish of a new id on a floor, then versions and rollback, carrying every field", async () => {
    const meta = JSON.parse(readFileSync(path.join(pulled, "meta.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(path.join(pulled, "meta.json"), JSON.stringify({ ...meta, displayName: "CLI partner v1" }));
    const v1 = await cli.run(["integration-config", "publish", integrationId, "--dir", pulled], demoKey);
    expect(v1.stdout).toContain(`published ${integrationId} v1 (TENANT)`);
    const first = dataOf(configRowSchema, await api("GET", `/integrations/${integrationId}/config`));

    writeFileSync(path.join(pulled, "meta.json"), JSON.stringify({ ...meta, displayName: "CLI partner v2" }));
    const v2 = await cli.run(["integration-config", "publish", integrationId, "--dir", pulled], demoKey);
    expect(v2.stdout).toContain(`published ${integrationId} v2 (TENANT)`);

    const versions = await cli.run(["integration-config", "versions", integrationId], demoKey);
    const lines = versions.stdout
      .trim()
      .split("\n")
      .map((l) => l.split("\t").slice(0, 3).join(" "));
    expect(lines).toEqual(["v2 PUBLISHED TENANT", "v1 SUPERSEDED TENANT"]);

    const rolled = await cli.run(["integration-config", "rollback", integrationId, "1"], demoKey);
    expect(rolled.stdout).toContain(`rolled back ${integrationId} from v1 -> v3`);
    const third = dataOf(configRowSchema, await api("GET", `/integrations/${integrationId}/config`));
    const { id: _a, version: _b, status: _c, ...firstFields } = first;
    const { id: _d, version: _e, status: _f, ...thirdFields } = third;
    expect(third.version).toBe(3);
    expect(thirdFields).toEqual(expect.objectContaining(firstFields));
    const history = dataOf(z.array(versionSummarySchema), await api("GET", `/integrations/${integrationId}/config/versions`));
    expect(history.map((v) => [v.version, v.status])).toEqual([
      [3, "PUBLISHED"],
      [2, "SUPERSEDED"],
      [1, "SUPERSEDED"],
    ]);

    const noVersion = await cli.run(["integration-config", "rollback", integrationId, "9"], demoKey, { allowFailure: true });
    expect(noVersion.exitCode).toBe(1);
    expect(noVersion.stderr).toContain("rollback failed: HTTP 404");
  });

  it("a config that fails the gate is not published (422 GATE_FAILED)", async () => {
    const broken = path.join(cli.scratch, "broken-rules");
    const out = await cli.run(["integration-config", "publish", integrationId, "--dir", broken], demoKey, { allowFailure: true });
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toContain("gate failed — not published: HTTP 422 — GATE_FAILED");
    const history = dataOf(z.array(versionSummarySchema), await api("GET", `/integrations/${integrationId}/config/versions`));
    expect(history[0]?.version).toBe(3);
  });

  it("the platform tenant publishes GLOBAL, which the demo tenant pulls", async () => {
    const out = await cli.run(["integration-config", "publish", globalId, "--dir", pulled], platformKey);
    expect(out.stdout).toContain(`published ${globalId} v1 (GLOBAL)`);
    const fromTenant = await cli.run(["integration-config", "pull", globalId, "--stdout"], demoKey);
    expect(JSON.parse(fromTenant.stdout)).toMatchObject({ integrationId: globalId, version: 1, visibility: "GLOBAL" });
    const versions = await cli.run(["integration-config", "versions", globalId], demoKey);
    expect(versions.stdout.trim()).toBe("no published versions");
  });

  it("fork copies the GLOBAL config into the tenant; --force refreshes; delete drops the lineage", async () => {
    const forked = await cli.run(["integration-config", "fork", globalId], demoKey);
    expect(forked.stdout).toContain(`forked ${globalId} from GLOBAL v1 -> TENANT v1`);
    const own = dataOf(
      configRowSchema.extend({ forkedFromVersion: z.number().nullable() }),
      await api("GET", `/integrations/${globalId}/config`),
    );
    expect(own).toMatchObject({ visibility: "TENANT", version: 1, forkedFromVersion: 1 });

    const twice = await cli.run(["integration-config", "fork", globalId], demoKey, { allowFailure: true });
    expect(twice.exitCode).toBe(1);
    expect(twice.stderr).toContain(`not forked — this tenant already has its own config for '${globalId}'`);
    const refreshed = await cli.run(["integration-config", "fork", globalId, "--force", "--yes"], demoKey);
    expect(refreshed.stdout).toContain(`refreshed ${globalId} from GLOBAL v1 -> TENANT v2`);

    // The platform cannot delete a GLOBAL config a tenant still overlays without --force.
    const blocked = await cli.run(["integration-config", "delete", globalId, "--yes"], platformKey, { allowFailure: true });
    expect(blocked.exitCode).toBe(1);
    expect(blocked.stderr).toContain(`not deleted — other tenants still have their own config for '${globalId}'`);

    const dropped = await cli.run(["integration-config", "delete", globalId, "--yes"], demoKey);
    expect(dropped.stdout).toContain(`deleted ${globalId} (TENANT) — 2 version(s) removed`);
    const back = dataOf(configRowSchema, await api("GET", `/integrations/${globalId}/config`));
    expect(back.visibility).toBe("GLOBAL");
    const gone = await cli.run(["integration-config", "delete", globalId, "--yes"], platformKey);
    expect(gone.stdout).toContain(`deleted ${globalId} (GLOBAL) — 1 version(s) removed`);
    expect((await api("GET", `/integrations/${globalId}/config`)).status).toBe(404);
  });
});
