/**
 * Failure groups (issue 17): 50 workflows × 300 runs (15,000) written into the sandbox SQLite (real
 * rows, paged by the real upstream), spread over the last ~10 days, a third of them failed with the
 * messages real runs produce (ids, amounts and phones varying), then `GET /api/failures?since=` over
 * the whole window through the BFF, timed; plus the pure grouping of the same 15,000 rows in-process.
 * Run alone: `npx tsx bench/failure-groups.ts` (BENCH_WORKFLOWS, BENCH_RUNS, BENCH_REQUESTS tune it).
 * `BENCH_PURE=1` skips the stack: the same rows in memory, paged by an in-process upstream, through
 * the same scan (merged pages + grouping + catalog): the console's own share of the time.
 */
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { groupFailures, scanFailures } from "../lib/failures/groups";
import type { Execution } from "../lib/schemas/execution";
import { DEMO_TENANT } from "../sandbox/server/identities";
import { load, printMachine, printTable, startStack } from "./support";

const WORKFLOWS = Number(process.env.BENCH_WORKFLOWS ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 300);

// Shapes of captured real failures (lib/failures/fixtures/captured-failures.json), with varying parts.
const MESSAGES = [
  () => "HTTP 404 — NOT_FOUND — RingCentral is not connected",
  () => "HTTP 404 — NOT_FOUND — Secret not found",
  (r: number) =>
    `CoverageLimitExceeded: Claim C-${4000 + r} asks for $${(r * 137) % 90_000}.00, above the $10,000.00 coverage limit: route it to a claims adjuster`,
  (r: number) =>
    `HTTP 400 — VALIDATION_ERROR — [{"path":["to"],"message":"to must be an E.164 phone number","value":"555-${String(r % 10_000).padStart(4, "0")}"}]`,
] as const;

/** The bench's rows without a database (BENCH_PURE=1). */
function syntheticRows(): Execution[] {
  const db = new Database(":memory:");
  db.exec(
    "CREATE TABLE workflows (id TEXT, tenant_id TEXT, status TEXT, name TEXT, version TEXT, runtime_token_ciphertext TEXT, runtime_api_client_id TEXT)",
  );
  db.exec(`CREATE TABLE workflow_executions (id TEXT, tenant_id TEXT, workflow_id TEXT, workflow_name TEXT, workflow_version TEXT, status TEXT, input TEXT, result TEXT,
    error_message TEXT, trigger_source TEXT, dry_run INTEGER, queued_at TEXT, started_at TEXT, finished_at TEXT, created_at TEXT, updated_at TEXT)`);
  db.prepare("INSERT INTO workflows VALUES (?, ?, 'ACTIVE', 'template', '1.0.0', NULL, NULL)").run(randomUUID(), DEMO_TENANT.id);
  return seedInto(db);
}

function seed(stateDir: string): Execution[] {
  const db = new Database(path.join(stateDir, "pegasus.db"));
  return seedInto(db);
}

function seedInto(db: Database.Database): Execution[] {
  const rows: Execution[] = [];
  try {
    db.pragma("busy_timeout = 5000");
    const template = db.prepare("SELECT * FROM workflows WHERE tenant_id = ? AND status = 'ACTIVE' LIMIT 1").get(DEMO_TENANT.id) as
      Record<string, unknown> | undefined;
    if (!template) throw new Error("no seeded workflow of the demo tenant to copy");
    const columns = Object.keys(template);
    const insertWorkflow = db.prepare(`INSERT INTO workflows (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`);
    const insertExecution = db.prepare(
      `INSERT INTO workflow_executions (id, tenant_id, workflow_id, workflow_name, workflow_version, status, input, result, error_message,
         trigger_source, dry_run, queued_at, started_at, finished_at, created_at, updated_at)
       VALUES (@id, @tenant, @workflow, @name, @version, @status, @input, NULL, @error, 'EVENT', 0, @at, @at, @at, @at, @at)`,
    );
    const now = Date.now();
    db.transaction(() => {
      for (let w = 0; w < WORKFLOWS; w++) {
        const workflowId = randomUUID();
        const name = `bench-failures-${String(w).padStart(2, "0")}`;
        insertWorkflow.run({
          ...template,
          id: workflowId,
          name,
          version: "1.0.0",
          runtime_token_ciphertext: null,
          runtime_api_client_id: null,
        });
        for (let r = 0; r < RUNS; r++) {
          const failed = (w + r) % 3 === 0;
          const error = failed ? (MESSAGES[(w + r) % MESSAGES.length] ?? MESSAGES[0])(r) : null;
          const at = new Date(now - (r * WORKFLOWS + w) * 60_000).toISOString();
          const row = {
            id: randomUUID(),
            tenant: DEMO_TENANT.id,
            workflow: workflowId,
            name,
            version: "1.0.0",
            status: failed ? "FAILED" : "COMPLETED",
            input: JSON.stringify({ orderId: `O-${r}` }),
            error,
            at,
          };
          insertExecution.run(row);
          rows.push({
            id: row.id,
            tenantId: row.tenant,
            workflowId,
            workflowName: name,
            workflowVersion: "1.0.0",
            status: failed ? "FAILED" : "COMPLETED",
            input: { orderId: `O-${r}` },
            result: null,
            errorMessage: error,
            temporalWorkflowId: null,
            temporalRunId: null,
            triggeredByUserId: null,
            triggerSource: "EVENT",
            triggeredByTriggerId: null,
            dryRun: false,
            queuedAt: at,
            startedAt: at,
            finishedAt: at,
            createdAt: at,
            updatedAt: at,
          });
        }
      }
    })();
  } finally {
    db.close();
  }
  return rows;
}

async function pure(): Promise<void> {
  printMachine();
  const rows = syntheticRows();
  const byWorkflow = new Map<string, Execution[]>();
  for (const r of rows) byWorkflow.set(r.workflowId, [...(byWorkflow.get(r.workflowId) ?? []), r]);
  for (const list of byWorkflow.values()) list.sort((a, b) => (a.queuedAt < b.queuedAt ? 1 : -1));
  const since = new Date(Date.now() - 11 * 24 * 3_600_000).toISOString();
  const times: number[] = [];
  const cpu: number[] = [];
  let summary = "";
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const scan = await scanFailures({
      workflowIds: [...byWorkflow.keys()],
      since,
      now: Date.now(),
      fetchPage: async (r) => {
        const list = byWorkflow.get(r.workflowId) ?? [];
        const start = r.before ? list.findIndex((x) => x.id === r.before) + 1 : 0;
        return list.slice(start, start + r.limit);
      },
    });
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    summary = `${scan.groups.length} groups from ${scan.scanned} runs read, complete=${scan.complete}`;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const groups = groupFailures(rows, { now: Date.now() });
  const c2 = process.cpuUsage(c1);
  console.log(`in-process scan (merged pages + grouping + catalog) of ${rows.length} runs over ${WORKFLOWS} workflows: ${summary}`);
  console.log(
    `grouping alone (fingerprints + catalog, no paging): ${(performance.now() - t1).toFixed(0)} ms wall, ${((c2.user + c2.system) / 1000).toFixed(0)} ms CPU, ${groups.length} groups`,
  );
  const p50 = (xs: number[]) => xs[Math.floor(xs.length / 2)]?.toFixed(0) ?? "-";
  printTable(
    ["scan, ms", "n", "wall min", "wall p50", "wall max", "CPU p50"],
    [["15,000-run window, in memory", times.length, times[0]?.toFixed(0) ?? "-", p50(times), times.at(-1)?.toFixed(0) ?? "-", p50(cpu)]],
  );
}

async function main(): Promise<void> {
  if (process.env.BENCH_PURE === "1") return pure();
  printMachine();
  const stack = await startStack();
  try {
    const rows = seed(stack.stateDir);
    const t0 = performance.now();
    const groups = groupFailures(rows, { now: Date.now() });
    const pureMs = performance.now() - t0;
    console.log(
      `state: ${rows.length} synthetic runs over ${WORKFLOWS} workflows; pure grouping in-process: ${pureMs.toFixed(1)} ms → ${groups.length} groups`,
    );

    const since = new Date(Date.now() - 11 * 24 * 3_600_000).toISOString();
    const bff = { cookie: stack.cookieHeader };
    const first = await fetch(`${stack.consoleOrigin}/api/failures?since=${encodeURIComponent(since)}`, { headers: bff });
    if (!first.ok) throw new Error(`BFF GET /api/failures -> ${first.status}: ${await first.text()}`);
    const body = (await first.json()) as { data: { groups: unknown[]; scanned: number; complete: boolean; computedMs: number } };
    console.log(
      `GET /api/failures: ${body.data.groups.length} groups, ${body.data.scanned} runs read, complete=${body.data.complete}, computedMs=${body.data.computedMs}`,
    );

    const r = await load(
      "failure groups, 11-day window",
      () => fetch(`${stack.consoleOrigin}/api/failures?since=${encodeURIComponent(since)}`, { headers: bff }),
      { concurrency: 1, maxRequests: REQUESTS, maxSeconds: SECONDS },
    );
    console.log(`\nGET /api/failures through the BFF, one request at a time, ≤${REQUESTS} requests; ms`);
    printTable(["request", "n", "errors", "p50", "p95", "p99"], [[r.label, r.requests, r.errors, r.p50, r.p95, r.p99]]);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
