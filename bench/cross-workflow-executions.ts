/**
 * Cross-workflow executions (design §7): 50 workflows with hundreds of runs each, written straight
 * into the sandbox SQLite state (real rows, paged by the real upstream), then the first page of
 * `GET /api/executions` through the BFF, timed. Target: p50 ≤ 300 ms.
 * Run alone: `npx tsx bench/cross-workflow-executions.ts` (BENCH_WORKFLOWS, BENCH_RUNS, BENCH_REQUESTS tune it).
 */
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { DEMO_TENANT } from "../sandbox/server/identities";
import { load, printMachine, printTable, startStack } from "./support";

const WORKFLOWS = Number(process.env.BENCH_WORKFLOWS ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const TARGET_P50_MS = 300;
const STATUSES = ["COMPLETED", "COMPLETED", "COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"] as const;

/** Adds `WORKFLOWS` tenant workflows (copies of a seeded one) with `RUNS` finished executions each. */
function seed(stateDir: string): { workflows: number; executions: number } {
  const db = new Database(path.join(stateDir, "pegasus.db"));
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
       VALUES (@id, @tenant, @workflow, @name, @version, @status, '{}', @result, @error, @source, @dryRun, @at, @at, @at, @at, @at)`,
    );
    const now = Date.now();
    db.transaction(() => {
      for (let w = 0; w < WORKFLOWS; w++) {
        const id = randomUUID();
        const name = `bench-workflow-${String(w).padStart(2, "0")}`;
        insertWorkflow.run({ ...template, id, name, version: "1.0.0", runtime_token_ciphertext: null, runtime_api_client_id: null });
        for (let r = 0; r < RUNS; r++) {
          const status = STATUSES[(w + r) % STATUSES.length] ?? "COMPLETED";
          // Interleaved in time across workflows, so the merged first page draws from many of them.
          const at = new Date(now - (r * WORKFLOWS + w) * 60_000).toISOString();
          insertExecution.run({
            id: randomUUID(),
            tenant: DEMO_TENANT.id,
            workflow: id,
            name,
            version: "1.0.0",
            status,
            result: status === "COMPLETED" ? '{"ok":true}' : null,
            error: status === "FAILED" ? "bench: synthetic failure" : null,
            source: r % 5 === 0 ? "SCHEDULE" : "USER",
            dryRun: r % 17 === 0 ? 1 : 0,
            at,
          });
        }
      }
    })();
    const executions = (
      db.prepare("SELECT COUNT(*) AS n FROM workflow_executions WHERE tenant_id = ?").get(DEMO_TENANT.id) as { n: number }
    ).n;
    const workflows = (
      db.prepare("SELECT COUNT(*) AS n FROM workflows WHERE tenant_id = ? OR visibility = 'GLOBAL'").get(DEMO_TENANT.id) as { n: number }
    ).n;
    return { workflows, executions };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  printMachine();
  const stack = await startStack();
  try {
    const counts = seed(stack.stateDir);
    const bff = { cookie: stack.cookieHeader };
    const first = await fetch(`${stack.consoleOrigin}/api/executions?limit=50`, { headers: bff });
    if (!first.ok) throw new Error(`BFF GET /api/executions -> ${first.status}: ${await first.text()}`);
    const page = (await first.json()) as { data?: { items?: unknown[] }; items?: unknown[] };
    const items = (page.data?.items ?? page.items ?? []).length;
    console.log(
      `state: ${counts.workflows} workflows visible to ${DEMO_TENANT.slug}, ${counts.executions} executions; first page holds ${items} rows`,
    );

    const rows: Array<Array<string | number>> = [];
    for (const [label, query] of [
      ["first page, all workflows", "limit=50"],
      ["first page, status=FAILED", "limit=50&status=FAILED"],
    ] as const) {
      const r = await load(label, () => fetch(`${stack.consoleOrigin}/api/executions?${query}`, { headers: bff }), {
        concurrency: 1,
        maxRequests: REQUESTS,
        maxSeconds: SECONDS,
      });
      rows.push([r.label, r.requests, r.errors, r.p50, r.p95, r.p99, r.p50 <= TARGET_P50_MS ? "ok" : "MISS"]);
    }
    console.log(`\nGET /api/executions through the BFF, one request at a time, ≤${REQUESTS} requests or ≤${SECONDS} s per row; ms`);
    printTable(["request", "n", "errors", "p50", "p95", "p99", `p50≤${TARGET_P50_MS}`], rows);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
