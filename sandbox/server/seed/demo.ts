/**
 * Demo seed: publishes the Atlas Moving Co. tenant and the platform library THROUGH THE REAL SDK CLI
 * (`<venv>/bin/pegasus-workflows`), so the CLI doubles as a conformance client of the sandbox.
 *
 * Called by `startSandbox` once the server listens on a fresh database. Every CLI call runs with
 * env credentials, a throw-away HOME and working directory (no credential profile on the machine
 * is read or written), on a copy of the project (push writes `dist/` and `deployments.toml`
 * beside the manifest). What the CLI has no command for (custom event types, EVENT triggers,
 * workflow fork) goes over HTTP with the same seed keys.
 */
import { spawn } from "node:child_process";
import type { ExecutionsRuntime } from "../temporal/runtime";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** `sandbox/demo`: one folder per published version of each SDK project. */
export const DEMO_ROOT = path.resolve(HERE, "..", "..", "demo");
/** `sandbox/server/seed/integrations-fixtures`: integration configs in the CLI's bundle layout. */
export const INTEGRATION_FIXTURES_ROOT = path.join(HERE, "integrations-fixtures");

/** What `startSandbox` passes in. */
export interface SeedDemoOptions {
  /** `http://127.0.0.1:<port>/api/v1` */
  apiUrl: string;
  stateDir: string;
  venv: string;
  config: unknown;
  /** The running sandbox's executions runtime (fires the nightly schedule in the seed). */
  executions: ExecutionsRuntime | null;
}

type Publisher = "demo" | "platform";

const seedKeysSchema = z.object({
  demo: z.object({ key: z.string().startsWith("vnd_"), tenantId: z.string() }),
  platform: z.object({ key: z.string().startsWith("vnd_"), tenantId: z.string() }),
});
/** The two plaintext seed keys the core writes to `<stateDir>/seed-keys.json`. */
export type DemoSeedKeys = z.infer<typeof seedKeysSchema>;

/** One SDK project folder (one version) and the tenant that publishes it. */
export interface DemoProject {
  /** Path under `sandbox/demo`. */
  dir: string;
  publisher: Publisher;
}

/** Publish order: the platform library first, then the tenant's versions oldest first. */
export const DEMO_PROJECTS: DemoProject[] = [
  { dir: "platform/move-milestone-notifier/1.0.0", publisher: "platform" },
  { dir: "platform/move-milestone-notifier/1.1.0", publisher: "platform" },
  { dir: "platform/move-status-digest/1.0.0", publisher: "platform" },
  { dir: "atlas-moving/quote-accepted-deposit/0.1.0", publisher: "demo" },
  { dir: "atlas-moving/quote-accepted-deposit/0.2.0", publisher: "demo" },
  { dir: "atlas-moving/quote-accepted-deposit/0.3.0", publisher: "demo" },
  { dir: "atlas-moving/order-saved-sms/0.1.0", publisher: "demo" },
  { dir: "atlas-moving/order-saved-sms/0.2.0", publisher: "demo" },
  { dir: "atlas-moving/nightly-billing-followup/0.1.0", publisher: "demo" },
  { dir: "atlas-moving/partner-order-sync/0.1.0", publisher: "demo" },
  { dir: "atlas-moving/partner-order-sync/0.2.0", publisher: "demo" },
  { dir: "atlas-moving/crew-dispatch/0.1.0", publisher: "demo" },
  { dir: "atlas-moving/damage-claim-intake/0.1.0", publisher: "demo" },
  { dir: "atlas-moving/virtual-survey-followup/0.1.0", publisher: "demo" },
  { dir: "atlas-moving/delivery-eta-notice/0.1.0", publisher: "demo" },
];

interface KeyValue {
  key: string;
  group: string;
  value: string;
  description: string;
}

/** Secrets set for Atlas. Deliberately NOT set: CLAIMS_PORTAL_TOKEN [claims]. */
export const DEMO_SECRETS: KeyValue[] = [
  { key: "PAYMENTS_API_KEY", group: "billing", value: "sk_test_atlas_4f9c2b7e1d", description: "Card processor secret key (test mode)" },
  { key: "DEMO_PARTNER_API_KEY", group: "demo_partner", value: "dp_live_atlas_93be61", description: "Demo Partner API key" },
];

/**
 * Config set for Atlas. Deliberately NOT set, so the console shows "not set":
 * QUIET_HOURS and BILLING_REMINDER_TEMPLATE [notifications] (the workflows fall back),
 * DEMO_PARTNER_ACCOUNT [global] and ATLAS_BILLING_CODE [demo_partner] (integration keys).
 */
export const DEMO_CONFIGS: KeyValue[] = [
  { key: "DEPOSIT_PERCENT", group: "billing", value: "25", description: "Share of the quote charged as deposit" },
  { key: "PAYMENTS_MERCHANT_ID", group: "billing", value: "atlas-merchant-001", description: "Merchant account for deposits" },
  { key: "BILLING_GRACE_DAYS", group: "billing", value: "7", description: "Days past due before a reminder" },
  {
    key: "RECEIPT_SMS_TEMPLATE",
    group: "notifications",
    value: "Atlas Moving: deposit of {amount} received (ref {reference}). See you on moving day!",
    description: "Deposit receipt text",
  },
  {
    key: "ORDER_SAVED_SMS_TEMPLATE",
    group: "notifications",
    value: "Atlas Moving: your order {order} is saved. Reply HELP for help.",
    description: "Order confirmation text",
  },
  {
    key: "DELIVERY_ETA_SMS_TEMPLATE",
    group: "notifications",
    value: "Atlas Moving: your truck arrives in {window}.",
    description: "Delivery ETA text",
  },
  {
    key: "MILESTONE_SMS_TEMPLATE",
    group: "notifications",
    value: "Atlas Moving: move {move} is now {status}.",
    description: "Move milestone text",
  },
  { key: "MILESTONE_STATUSES", group: "notifications", value: "LOADED,DELIVERED", description: "Statuses worth a text" },
  { key: "DIGEST_RECIPIENT_PHONE", group: "notifications", value: "+15550100900", description: "Office phone for the morning digest" },
  { key: "DISPATCH_LOADING_WINDOW_MINUTES", group: "dispatch", value: "5", description: "Minutes from briefing to departure" },
  { key: "DISPATCH_CREW_LEAD_PHONE", group: "dispatch", value: "+15550100999", description: "Crew lead on duty" },
  { key: "CLAIMS_COVERAGE_LIMIT_CENTS", group: "claims", value: "1000000", description: "Largest claim settled without an adjuster" },
  { key: "SURVEY_UPLOAD_LINK", group: "surveys", value: "https://atlas.example/survey-upload", description: "Survey photo upload link" },
  { key: "DEMO_PARTNER_SYNC_ACTION", group: "demo_partner", value: "save", description: "Partner action for synced orders" },
  {
    key: "DEMO_PARTNER_BASE_URL",
    group: "demo_partner",
    value: "https://api.demopartner.example",
    description: "Demo Partner API base URL",
  },
];

/** Custom event types of the demo tenant (§10.1). */
export const DEMO_EVENT_TYPES = [
  {
    name: "order.saved",
    description: "The office system saved a moving order (new or changed).",
    payloadSchema: {
      type: "object",
      required: ["orderId"],
      properties: { orderId: { type: "string" }, revision: { type: "integer" }, customerPhone: { type: "string" } },
    },
  },
  {
    name: "deposit.charged",
    description: "A booking deposit was charged (emitted by quote-accepted-deposit 0.3.0).",
    payloadSchema: {
      type: "object",
      required: ["quoteId", "chargeReference"],
      properties: { quoteId: { type: "string" }, moveId: { type: ["string", "null"] }, chargeReference: { type: "string" } },
    },
  },
];

interface EventTriggerPlan {
  workflow: string;
  eventType: string;
  filter?: Record<string, unknown>;
  enabled: boolean;
}

/** EVENT triggers (created over HTTP: the CLI has no command for them). */
export const DEMO_EVENT_TRIGGERS: EventTriggerPlan[] = [
  { workflow: "quote-accepted-deposit@0.3.0", eventType: "quote.accepted", enabled: true },
  // The old version keeps its trigger, paused, so the console shows a disabled one.
  { workflow: "quote-accepted-deposit@0.1.0", eventType: "quote.accepted", enabled: false },
  { workflow: "order-saved-sms@0.2.0", eventType: "order.saved", enabled: true },
  { workflow: "partner-order-sync@0.2.0", eventType: "pegii.shipment.opened", enabled: true },
  // Chained on the custom event, paused: every charge would otherwise start a 5-minute dispatch.
  { workflow: "crew-dispatch@0.1.0", eventType: "deposit.charged", enabled: false },
  {
    workflow: "delivery-eta-notice@0.1.0",
    eventType: "move.status_changed",
    filter: { status: "IN_TRANSIT" },
    enabled: true,
  },
  {
    workflow: "move-milestone-notifier@1.0.0",
    eventType: "move.status_changed",
    filter: { path: "status", op: "in", value: ["LOADED", "DELIVERED"] },
    enabled: true,
  },
];

interface ScheduleTriggerPlan {
  workflow: string;
  cron: string;
  disabled: boolean;
}

/** SCHEDULE triggers (created with the real `pegasus-workflows schedule create`). */
export const DEMO_SCHEDULES: ScheduleTriggerPlan[] = [
  { workflow: "nightly-billing-followup@0.1.0", cron: "0 2 * * *", disabled: false },
  { workflow: "move-status-digest@1.0.0", cron: "30 7 * * 1-5", disabled: false },
  { workflow: "partner-order-sync@0.2.0", cron: "*/30 * * * *", disabled: true },
];

/** GLOBAL workflows the demo tenant forks into its own rows (POST /workflows/:id/fork). */
export const DEMO_FORKS = ["move-milestone-notifier@1.0.0"];

/** Result of one CLI run. */
export interface CliResult {
  stdout: string;
  stderr: string;
}

/** Hide the value of `secrets set KEY VALUE` so an error message never carries a secret. */
export function redactArgs(args: string[]): string[] {
  if (args[0] === "secrets" && args[1] === "set" && args.length > 3) return [...args.slice(0, 3), "<redacted>", ...args.slice(4)];
  return args;
}

/** A failed CLI run, carrying its output (a `secrets set` value is redacted from the message). */
export class CliError extends Error {
  /** The command's arguments, with a `secrets set` value redacted. */
  readonly args: string[];

  constructor(
    args: string[],
    readonly exitCode: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    const shown = redactArgs(args);
    super(
      `pegasus-workflows ${shown.join(" ")} exited with ${exitCode ?? "a signal"}\n` +
        `--- stdout ---\n${stdout.trim()}\n--- stderr ---\n${stderr.trim()}`,
    );
    this.name = "CliError";
    this.args = shown;
  }
}

/** One CLI command of a batch. */
export interface CliCommand {
  args: string[];
  token: string;
}

/** How to run the real CLI: which venv, which API, and an isolated HOME/cwd. */
export interface CliRunner {
  /** Spawn `<venv>/bin/pegasus-workflows <args>` with `token`; rejects with CliError on a non-zero exit. */
  run(args: string[], token: string, opts?: { cwd?: string; allowFailure?: boolean }): Promise<CliResult & { exitCode: number | null }>;
  /**
   * Run commands in order in ONE Python process (`sandbox/demo/cli_batch.py` drives the CLI's own
   * Typer app), resolving with each command's output; rejects with CliError at the first failure.
   * `SANDBOX_DEMO_SEED_SPAWN=1` spawns the console script once per command instead.
   */
  runBatch(commands: CliCommand[]): Promise<CliResult[]>;
  /** The throw-away folder holding HOME and the working directories. */
  scratch: string;
  dispose(): void;
}

/** `http://host:port/api/v1` → `http://host:port`: the SDK appends `/api/v1/...` itself. */
export function apiOrigin(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
}

/** Build a runner for the real CLI with env credentials and a private HOME (no profile is touched). */
export function createCliRunner(venv: string, apiUrl: string): CliRunner {
  const bin = path.join(venv, "bin", "pegasus-workflows");
  if (!existsSync(bin)) throw new Error(`demo seed: ${bin} not found (run node scripts/ensure-python.mjs)`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "pegasus-demo-cli-"));
  const home = path.join(scratch, "home");
  const work = path.join(scratch, "work");
  mkdirSync(home, { recursive: true });
  mkdirSync(work, { recursive: true });
  const baseUrl = apiOrigin(apiUrl);

  // A minimal environment: nothing PEGASUS_* leaks in from the caller's shell.
  const envFor = (token?: string): NodeJS.ProcessEnv => ({
    NODE_ENV: process.env.NODE_ENV,
    PATH: `${path.join(venv, "bin")}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: home,
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    NO_COLOR: "1",
    TERM: "dumb",
    COLUMNS: "200",
    PYTHONDONTWRITEBYTECODE: "1",
    ...(token ? { PEGASUS_WORKFLOW_TOKEN: token, PEGASUS_BASE_URL: baseUrl } : {}),
  });

  const run: CliRunner["run"] = (args, token, opts = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn(bin, args, { cwd: opts.cwd ?? work, env: envFor(token), stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
      child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
      const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
      child.on("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        if (code !== 0 && !opts.allowFailure) reject(new CliError(args, code, stdout, stderr));
        else resolve({ stdout, stderr, exitCode: code });
      });
    });

  const runBatch: CliRunner["runBatch"] = async (commands) => {
    if (commands.length === 0) return [];
    if (process.env.SANDBOX_DEMO_SEED_SPAWN === "1") {
      const out: CliResult[] = [];
      for (const c of commands) out.push(await run(c.args, c.token));
      return out;
    }
    const python = path.join(venv, "bin", "python");
    const request = JSON.stringify({ baseUrl, commands });
    const raw = await new Promise<string>((resolve, reject) => {
      const child = spawn(python, [CLI_BATCH_DRIVER], { cwd: work, env: envFor(), stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
      child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
      const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
      child.on("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        if (code !== 0) reject(new CliError(["(batch driver)"], code, stdout, stderr));
        else resolve(stdout);
      });
      child.stdin.end(request);
    });
    const { results } = batchOutputSchema.parse(JSON.parse(raw));
    results.forEach((r, i) => {
      if (r.exitCode !== 0) throw new CliError(commands[i]?.args ?? [], r.exitCode, r.stdout, r.stderr);
    });
    if (results.length !== commands.length) throw new Error(`demo seed: batch ran ${results.length} of ${commands.length} commands`);
    return results.map((r) => ({ stdout: r.stdout, stderr: r.stderr }));
  };

  return { run, runBatch, scratch, dispose: () => rmSync(scratch, { recursive: true, force: true }) };
}

/** The in-process driver of the CLI's Typer app used by `runBatch`. */
const CLI_BATCH_DRIVER = path.join(DEMO_ROOT, "cli_batch.py");

const batchOutputSchema = z.object({
  results: z.array(z.object({ exitCode: z.number().int(), stdout: z.string(), stderr: z.string() })),
});

/** Copy a project folder without build leftovers (push writes dist/ and deployments.toml). */
export function copyProject(src: string, dest: string): void {
  cpSync(src, dest, {
    recursive: true,
    filter: (from) => !/(^|[\\/])(__pycache__|dist|deployments\.toml)$/.test(from),
  });
}

const publishedLine = /published (\S+)@(\S+) \(id=([0-9a-f-]+), visibility=(GLOBAL|TENANT)\)/;

/** Parse `push` output into name@version → workflow id. */
export function parsePushOutput(stdout: string): Map<string, { id: string; visibility: string }> {
  const out = new Map<string, { id: string; visibility: string }>();
  for (const line of stdout.split("\n")) {
    const m = publishedLine.exec(line);
    if (m?.[1] && m[2] && m[3] && m[4]) out.set(`${m[1]}@${m[2]}`, { id: m[3], visibility: m[4] });
  }
  return out;
}

const dataSchema = z.object({ data: z.unknown() });
const idSchema = z.object({ id: z.string() });

/** JSON call to the sandbox API with a seed key; throws with the response body on non-2xx. */
async function api(apiUrl: string, token: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${apiUrl.replace(/\/+$/, "")}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`demo seed: ${method} ${route} → ${res.status} ${text}`);
  return text ? dataSchema.parse(JSON.parse(text)).data : null;
}

/** False only when the sandbox config turns the custom event-type surface off. */
function customEventsEnabled(config: unknown): boolean {
  const parsed = z.object({ customEvents: z.boolean() }).safeParse(config);
  return parsed.success ? parsed.data.customEvents : true;
}

/** False only when the sandbox config says Temporal is not started (executions cannot run). */
function temporalEnabled(config: unknown): boolean {
  const parsed = z.object({ temporal: z.boolean() }).safeParse(config);
  return parsed.success ? parsed.data.temporal : true;
}

/** Read `<stateDir>/seed-keys.json` (written 0600 by the core's base seed). */
export function readSeedKeys(stateDir: string): DemoSeedKeys {
  const file = path.join(stateDir, "seed-keys.json");
  return seedKeysSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** Integration-config fixture folders: GLOBAL ones first (platform key), then tenant overlays in name order. */
export function integrationFixtures(root = INTEGRATION_FIXTURES_ROOT): { integrationId: string; dir: string; publisher: Publisher }[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(root, e.name, "mapping.json")))
    .map((e) => {
      const [integrationId = e.name, scope = ""] = e.name.split(/-(.*)/s);
      const publisher: Publisher = scope === "global" ? "platform" : "demo";
      return { integrationId, dir: path.join(root, e.name), publisher };
    })
    .sort((a, b) => (a.publisher === b.publisher ? a.dir.localeCompare(b.dir) : a.publisher === "platform" ? -1 : 1));
}

/** What the executions seed hook receives. */
export interface SeedExecutionsOptions extends SeedDemoOptions {
  keys: DemoSeedKeys;
  /** `name@version` → workflow id of every row the demo seed published or forked (forks under `name@version#fork`). */
  workflows: Record<string, string>;
}

interface ExecutionsModule {
  seedExecutions(opts: SeedExecutionsOptions): Promise<void>;
}

/** Seed the demo tenant through the real CLI; fails loudly with the CLI's output. */
export async function seedDemo(opts: SeedDemoOptions): Promise<void> {
  const started = Date.now();
  const say = (line: string): void => {
    if (
      process.env.SANDBOX_LOG_LEVEL !== "warn" &&
      process.env.SANDBOX_LOG_LEVEL !== "error" &&
      process.env.SANDBOX_LOG_LEVEL !== "silent"
    ) {
      process.stdout.write(`[demo seed ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
    }
  };
  const keys = readSeedKeys(opts.stateDir);
  const token = (p: Publisher): string => keys[p].key;
  const cli = createCliRunner(opts.venv, opts.apiUrl);
  const workflows: Record<string, string> = {};

  try {
    // 1-3. ONE batch through the real CLI, in order: push every project version (each from its own
    // copy), secrets and config (some declared keys are left missing on purpose), the integration
    // configs (GLOBAL with the platform key, then the tenant's overlay versions), and the SCHEDULE
    // triggers (after the pushes: `schedule create` looks the workflow up by name@version).
    const projectsRoot = path.join(cli.scratch, "projects");
    const commands: CliCommand[] = [];
    for (const project of DEMO_PROJECTS) {
      const copy = path.join(projectsRoot, project.dir.replaceAll("/", "__"));
      copyProject(path.join(DEMO_ROOT, project.dir), copy);
      commands.push({ args: ["push", "--project-dir", copy], token: token(project.publisher) });
    }
    for (const [kind, entries] of [
      ["secrets", DEMO_SECRETS],
      ["config", DEMO_CONFIGS],
    ] as const) {
      for (const e of entries) {
        commands.push({ args: [kind, "set", e.key, e.value, "--group", e.group, "--description", e.description], token: token("demo") });
      }
    }
    const fixtures = integrationFixtures();
    for (const f of fixtures) {
      commands.push({ args: ["integration-config", "publish", f.integrationId, "--dir", f.dir], token: token(f.publisher) });
    }
    for (const schedule of DEMO_SCHEDULES) {
      const args = ["schedule", "create", schedule.workflow, "--cron", schedule.cron];
      if (schedule.disabled) args.push("--disabled");
      commands.push({ args, token: token("demo") });
    }
    const results = await cli.runBatch(commands);
    const pushes = results.slice(0, DEMO_PROJECTS.length);
    pushes.forEach((r, i) => {
      const published = parsePushOutput(r.stdout);
      if (published.size === 0) throw new Error(`demo seed: push of ${DEMO_PROJECTS[i]?.dir} printed no "published" line:\n${r.stdout}`);
      for (const [label, row] of published) workflows[label] = row.id;
    });
    say(`pushed ${pushes.length} project versions: ${Object.keys(workflows).join(", ")}`);
    say(`set ${DEMO_SECRETS.length} secrets and ${DEMO_CONFIGS.length} config values`);
    say(`published ${fixtures.length} integration configs, created ${DEMO_SCHEDULES.length} SCHEDULE triggers`);

    // 4. custom event types (no CLI command: HTTP with the seed key), unless the surface is off.
    const customEvents = customEventsEnabled(opts.config);
    if (customEvents) {
      for (const type of DEMO_EVENT_TYPES) {
        await api(opts.apiUrl, token("demo"), "POST", "/event-types", { ...type, enabled: true });
      }
      say(`registered event types ${DEMO_EVENT_TYPES.map((t) => t.name).join(", ")}`);
    } else {
      say("custom events are off: skipped event types and their triggers");
    }

    // 5. fork a GLOBAL library workflow into the tenant (no CLI command: HTTP).
    for (const label of DEMO_FORKS) {
      const globalId = workflows[label];
      if (!globalId) throw new Error(`demo seed: ${label} was not published`);
      const fork = idSchema.parse(await api(opts.apiUrl, token("demo"), "POST", `/workflows/${globalId}/fork`));
      workflows[`${label}#fork`] = fork.id;
      say(`forked ${label} into Atlas`);
    }

    // 6. EVENT triggers over HTTP (the trigger of a forked workflow goes on the tenant's own row).
    const customNames = new Set(DEMO_EVENT_TYPES.map((t) => t.name));
    const eventTriggers = DEMO_EVENT_TRIGGERS.filter((t) => customEvents || !customNames.has(t.eventType));
    for (const trigger of eventTriggers) {
      const id = workflows[`${trigger.workflow}#fork`] ?? workflows[trigger.workflow];
      if (!id) throw new Error(`demo seed: no workflow ${trigger.workflow} for an EVENT trigger`);
      await api(opts.apiUrl, token("demo"), "POST", `/workflows/${id}/triggers`, {
        kind: "EVENT",
        eventType: trigger.eventType,
        ...(trigger.filter ? { filter: trigger.filter } : {}),
        enabled: trigger.enabled,
      });
    }
    say(`created ${eventTriggers.length} EVENT triggers`);

    // 7. ===== HOOK: seeded executions (owned by the executions teammate) =====
    // If sandbox/server/seed/executions.ts exists, it runs demo executions of every outcome.
    const executionsFile = ["executions.ts", "executions.js"].map((f) => path.join(HERE, f)).find((f) => existsSync(f));
    if (executionsFile && !temporalEnabled(opts.config)) {
      say("Temporal is off: skipped seeded executions");
    } else if (executionsFile) {
      const mod = (await import(pathToFileURL(executionsFile).href)) as ExecutionsModule;
      await mod.seedExecutions({ ...opts, keys, workflows });
      say("seeded executions");
    }
    say(`demo tenant ready (${Object.keys(workflows).length} workflow rows)`);
  } finally {
    cli.dispose();
  }
}
