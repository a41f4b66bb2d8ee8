// Produces every failure shape the sandbox can produce from real runs (real Temporal, the real
// SDK in the tenant runner) and checks the cause catalog classifies each one. The strings the unit
// tests use (lib/failures/fixtures/captured-failures.json) were captured by this file:
// `CAPTURE_FAILURES=1 npx vitest run --project contract tests/contract/failure-catalog.test.ts`
// rewrites the fixture; without it, a live string whose fingerprint differs from the committed
// one fails the test, so a change in the sandbox's wording cannot go unnoticed.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiClient, runCli, TERMINAL, waitFor, type Execution } from "../../sandbox/tests/runner/exec-helpers";
import { classifyFailure, failureCode, normalizeFailureMessage, type FailureRuleId, type MissingRequirement } from "@/lib/failures";
import type { Captured } from "@/lib/failures/fixtures/captured";

const apiUrl = inject("apiUrl");
const stateDir = inject("stateDir");
const venv = inject("venv");
const keys = inject("seedKeys");
const api = apiClient(apiUrl, keys.demo.key);
const FIXTURE = path.join(import.meta.dirname, "../../lib/failures/fixtures/captured-failures.json");
const PROBE = path.join(import.meta.dirname, "fixtures/failure-probe");

const captured: Captured[] = [];
const committed = JSON.parse(readFileSync(FIXTURE, "utf8")) as { failures: Captured[] };
const workflows = new Map<string, string>(); // name → id

async function missingOf(workflowId: string): Promise<MissingRequirement[]> {
  const r = await api<{ workflows: Array<{ workflowId: string; requirements: Array<MissingRequirement & { present: boolean }> }> }>(
    "GET",
    "/workflows/requirements-summary",
  );
  const wf = r.body.data?.workflows.find((w) => w.workflowId === workflowId);
  return (wf?.requirements ?? []).filter((q) => !q.present).map(({ kind, key, group }) => ({ kind, key, group }));
}

async function openTenantRuns(): Promise<number> {
  const db = new Database(path.join(stateDir, "pegasus.db"), { readonly: true });
  try {
    return (
      db
        .prepare(
          "SELECT COUNT(*) AS n FROM workflow_executions WHERE tenant_id = ? AND lane = 'TENANT_RUNNER' AND status IN ('QUEUED','RUNNING')",
        )
        .get(keys.demo.tenantId) as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

/** Start a run (waiting for room under the tenant lane's cap of 5) and wait for its terminal row. */
async function runToEnd(name: string, input: Record<string, unknown>): Promise<Execution> {
  const wfId = workflows.get(name);
  if (!wfId) throw new Error(`${name} not published`);
  const started = await waitFor(
    `start of ${name}`,
    async () => {
      const r = await api<Execution>("POST", `/workflows/${wfId}/run`, { input });
      if (r.status === 429 && r.body.code === "CONCURRENCY_LIMIT") return undefined;
      if (r.status !== 201) throw new Error(`run ${name}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.data as Execution;
    },
    120_000,
    1_000,
  );
  return waitFor(
    `end of ${name}`,
    async () => {
      const r = await api<Execution>("GET", `/workflows/${wfId}/executions/${started.id}`);
      return r.body.data && TERMINAL.includes(r.body.data.status) ? r.body.data : undefined;
    },
    120_000,
    500,
  );
}

/** Record a failure, check its classification, and compare it with the committed capture. */
function check(c: Captured, rule: FailureRuleId): void {
  captured.push(c);
  const cause = classifyFailure({ status: c.status, code: c.code, message: c.message, missing: c.missing });
  expect(cause.rule, `${c.case}: ${c.message}`).toBe(rule);
  if (process.env.CAPTURE_FAILURES === "1") return;
  const before = committed.failures.find((f) => f.case === c.case);
  expect(before, `${c.case} is in the fixture (re-capture with CAPTURE_FAILURES=1)`).toBeDefined();
  const sig = (x: Captured) => [x.status, failureCode(x), normalizeFailureMessage(x.message)];
  expect(sig(c), `${c.case}: the sandbox's wording changed; re-capture and review the catalog`).toEqual(sig(before as Captured));
}

beforeAll(async () => {
  // Pushed from a copy: the CLI writes dist/ and deployments.toml into the project folder.
  const dir = mkdtempSync(path.join(os.tmpdir(), "failure-probe-"));
  cpSync(PROBE, dir, { recursive: true });
  const push = await runCli(venv, apiUrl, keys.demo.key, ["push", "-C", dir]);
  rmSync(dir, { recursive: true, force: true });
  if (push.code !== 0 && !/already exists|409/.test(push.stdout + push.stderr))
    throw new Error(`push failed: ${push.stdout}\n${push.stderr}`);
  const list = await api<Array<{ id: string; name: string; version: string }>>("GET", "/workflows");
  for (const w of list.body.data ?? [])
    if ((w.name === "failure-probe" && w.version === "0.1.0") || (w.name === "damage-claim-intake" && w.version === "0.1.0"))
      workflows.set(w.name, w.id);
  await waitFor("room under the cap", async () => ((await openTenantRuns()) <= 3 ? true : undefined), 120_000, 1_000);
}, 240_000);

afterAll(() => {
  if (process.env.CAPTURE_FAILURES === "1" && captured.length > 0) {
    const order = (c: Captured) => committed.failures.findIndex((f) => f.case === c.case);
    captured.sort((a, b) => order(a) - order(b) || a.case.localeCompare(b.case));
    // cases other capture files produce (failure-catalog-temporal-down.test.ts) are kept
    const others = committed.failures.filter((f) => !captured.some((c) => c.case === f.case));
    writeFileSync(
      FIXTURE,
      JSON.stringify(
        {
          note: "Captured by tests/contract/failure-catalog*.test.ts from real sandbox runs; do not edit by hand.",
          failures: [...captured, ...others],
        },
        null,
        2,
      ) + "\n",
    );
  }
});

describe("failure strings of real runs are classified by the catalog", () => {
  const failedRun = (caseName: string, name: string, input: Record<string, unknown>, rule: FailureRuleId, status = "FAILED") =>
    it(`${caseName} → ${rule}`, async () => {
      const e = await runToEnd(name, input);
      expect(e.status).toBe(status);
      expect(e.errorMessage).toBeTruthy();
      check(
        {
          case: caseName,
          rule,
          workflowName: name,
          status: e.status,
          code: null,
          message: e.errorMessage as string,
          missing: await missingOf(e.workflowId),
        },
        rule,
      );
    }, 180_000);

  failedRun(
    "damage-claim-intake unset secret",
    "damage-claim-intake",
    { claimId: "C-7001", moveId: "M-7001", claimedCents: 1_000, customerPhone: "+15550100004" },
    "secret-missing",
  );
  failedRun("unset secret", "failure-probe", { mode: "secret" }, "secret-missing");
  failedRun("unset config", "failure-probe", { mode: "config" }, "config-missing");
  failedRun("sms to a number not in E.164", "failure-probe", { mode: "sms", to: "555-0100" }, "phone-not-e164");
  failedRun("call the runtime key may not make", "failure-probe", { mode: "forbidden" }, "action-not-permitted");
  failedRun("projection over 256 KB", "failure-probe", { mode: "projection", key: "P-9001" }, "projection-too-large");
  failedRun("run past its time limit", "failure-probe", { mode: "sleep" }, "time-limit", "TIMED_OUT");
  it("sms while RingCentral is not connected → sms-provider-not-connected", async () => {
    const db = new Database(path.join(stateDir, "pegasus.db"));
    try {
      db.prepare("UPDATE tenants SET sms_provider_connected = 0 WHERE id = ?").run(keys.demo.tenantId);
      const e = await runToEnd("failure-probe", { mode: "sms", to: "+15550100123" });
      expect(e.status).toBe("FAILED");
      check(
        {
          case: "sms provider not connected",
          rule: "sms-provider-not-connected",
          workflowName: "failure-probe",
          status: e.status,
          code: null,
          message: e.errorMessage as string,
          missing: await missingOf(e.workflowId),
        },
        "sms-provider-not-connected",
      );
    } finally {
      db.prepare("UPDATE tenants SET sms_provider_connected = 1 WHERE id = ?").run(keys.demo.tenantId);
      db.close();
    }
  }, 180_000);
  failedRun(
    "tenant code error",
    "damage-claim-intake",
    { claimId: "C-7002", moveId: "M-7002", claimedCents: 99_000_000, customerPhone: "+15550100004" },
    "unknown",
  );

  it("run refusals: WORKFLOWS_DISABLED, DAILY_QUOTA_EXCEEDED, CONCURRENCY_LIMIT", async () => {
    const wfId = workflows.get("failure-probe") as string;
    const refuse = async (caseName: string, rule: FailureRuleId) => {
      const r = await api("POST", `/workflows/${wfId}/run`, { input: { mode: "sleep" } });
      expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
      check(
        {
          case: caseName,
          rule,
          workflowName: "failure-probe",
          status: "REFUSED",
          code: r.body.code ?? null,
          message: String(r.body.error),
          missing: [],
        },
        rule,
      );
    };
    const db = new Database(path.join(stateDir, "pegasus.db"));
    const tenant = keys.demo.tenantId;
    try {
      db.prepare("UPDATE tenants SET workflows_disabled = 1 WHERE id = ?").run(tenant);
      await refuse("kill switch on", "workflows-disabled");
      db.prepare("UPDATE tenants SET workflows_disabled = 0 WHERE id = ?").run(tenant);
      const today = (
        db
          .prepare("SELECT COUNT(*) AS n FROM workflow_executions WHERE tenant_id = ? AND lane = 'TENANT_RUNNER' AND queued_at >= ?")
          .get(tenant, new Date().toISOString().slice(0, 10) + "T00:00:00.000Z") as { n: number }
      ).n;
      const now = new Date().toISOString();
      const insert = db.prepare(
        `INSERT INTO workflow_executions (id, tenant_id, workflow_id, workflow_name, workflow_version, status, trigger_source, dry_run, queued_at, created_at, updated_at, lane, shape)
         VALUES (?, ?, ?, 'failure-probe', '0.1.0', ?, 'USER', 0, ?, ?, ?, 'TENANT_RUNNER', 'direct')`,
      );
      db.transaction(() => {
        for (let i = today; i < 200; i++) insert.run(`triage-quota-filler-${i}`, tenant, wfId, "COMPLETED", now, now, now);
      })();
      await refuse("daily quota used up", "daily-quota");
      db.prepare("DELETE FROM workflow_executions WHERE id LIKE 'triage-quota-filler-%'").run();
      // five open rows hold the cap (rows only: the limit counts QUEUED/RUNNING rows of the lane)
      const open = Math.max(0, 5 - (await openTenantRuns()));
      db.transaction(() => {
        for (let i = 0; i < open; i++) insert.run(`triage-open-filler-${i}`, tenant, wfId, "RUNNING", now, now, now);
      })();
      await refuse("five runs already open", "concurrency-limit");
    } finally {
      db.prepare("UPDATE tenants SET workflows_disabled = 0 WHERE id = ?").run(tenant);
      db.prepare("DELETE FROM workflow_executions WHERE id LIKE 'triage-%-filler-%'").run();
      db.close();
    }
  });
});
