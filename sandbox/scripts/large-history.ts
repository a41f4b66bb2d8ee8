/**
 * Produce one execution with a very large Temporal history (default 20,000 events; up to
 * Temporal's 51,200 cap) in a RUNNING sandbox, for the console's big-timeline benchmark.
 *
 *   tsx sandbox/scripts/large-history.ts [--events N] [--workflow NAME] [--state-dir DIR]
 *
 * It reads `<stateDir>/temporal.json` and `<stateDir>/pegasus.db` of the running sandbox, adds an
 * execution row to a demo-tenant workflow (default: partner-order-sync, newest version), and starts
 * the runner's `sandbox-large-history` workflow under that row's Temporal id. The sandbox's
 * reconciler then completes the row like any other run. Prints the ids and how long it took.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Client, Connection } from "@temporalio/client";
import { DEMO_TENANT } from "../server/identities";
import { defaultStateDir } from "../server/lib/paths";
import { temporalWorkflowId } from "../server/temporal/lanes";

const MAX_EVENTS = 51_200;

function parseArgs(argv: string[]): { events: number; workflow: string; stateDir: string } {
  const out = { events: 20_000, workflow: "partner-order-sync", stateDir: defaultStateDir() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--events") out.events = Number(next());
    else if (a === "--workflow") out.workflow = next();
    else if (a === "--state-dir") out.stateDir = path.resolve(next());
    else if (a === "--help" || a === "-h") {
      console.log(
        "usage: tsx sandbox/scripts/large-history.ts [--events N (100..51200, default 20000)] [--workflow NAME] [--state-dir DIR]",
      );
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  if (!Number.isInteger(out.events) || out.events < 100 || out.events > MAX_EVENTS) {
    throw new Error(`--events must be an integer in 100..${MAX_EVENTS}`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const infoFile = path.join(args.stateDir, "temporal.json");
  if (!existsSync(infoFile)) throw new Error(`${infoFile} not found: start the sandbox first (npm run sandbox)`);
  const info = JSON.parse(readFileSync(infoFile, "utf8")) as { address: string; namespace: string; uiUrl: string };
  const db = new Database(path.join(args.stateDir, "pegasus.db"));
  db.pragma("busy_timeout = 5000");
  const wf = db
    .prepare(
      "SELECT id, name, version FROM workflows WHERE tenant_id = ? AND name = ? AND status = 'ACTIVE' ORDER BY created_at DESC LIMIT 1",
    )
    .get(DEMO_TENANT.id, args.workflow) as { id: string; name: string; version: string } | undefined;
  if (!wf) throw new Error(`no active workflow named ${args.workflow} in the demo tenant`);

  const executionId = randomUUID();
  const twid = temporalWorkflowId(DEMO_TENANT.id, wf.name, executionId);
  const now = new Date().toISOString();
  // lane 'SANDBOX': a utility run, not counted against the tenant lane's limits
  db.prepare(
    `INSERT INTO workflow_executions (id, tenant_id, workflow_id, workflow_name, workflow_version, status, input, trigger_source,
       dry_run, queued_at, created_at, updated_at, lane, shape)
     VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, 'USER', 0, ?, ?, ?, 'SANDBOX', 'durable')`,
  ).run(executionId, DEMO_TENANT.id, wf.id, wf.name, wf.version, JSON.stringify({ events: args.events }), now, now, now);

  const connection = await Connection.connect({ address: info.address });
  try {
    const client = new Client({ connection, namespace: info.namespace });
    const started = Date.now();
    const handle = await client.workflow.start("sandbox-large-history", {
      taskQueue: "pegasus-tenant-runner",
      workflowId: twid,
      args: [{ executionId, workflowId: wf.id, input: { events: args.events } }],
    });
    db.prepare(
      "UPDATE workflow_executions SET status = 'RUNNING', temporal_workflow_id = ?, temporal_run_id = ?, started_at = ?, updated_at = ? WHERE id = ?",
    ).run(twid, handle.firstExecutionRunId, new Date().toISOString(), new Date().toISOString(), executionId);
    console.log(`large history: ${wf.name}@${wf.version} execution ${executionId}, target ${args.events} events…`);
    const result = (await handle.result()) as { activities: number; historyLength: number };
    const seconds = (Date.now() - started) / 1000;
    const described = await handle.describe();
    console.log(
      `large history: done in ${seconds.toFixed(1)} s — ${described.historyLength} events (${result.activities} activities)\n` +
        `  workflow id:  ${wf.id}\n  execution id: ${executionId}\n  temporal:     ${twid}\n` +
        `  web UI:       ${info.uiUrl}/namespaces/${info.namespace}/workflows/${encodeURIComponent(twid)}/${handle.firstExecutionRunId}/history`,
    );
  } finally {
    await connection.close();
    db.close();
  }
}

main().catch((err: unknown) => {
  console.error(`large history: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
