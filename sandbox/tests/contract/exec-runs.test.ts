import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Client, Connection } from "@temporalio/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MAX_JSON_DEPTH } from "../../server/http";
import { summarizeWorkflowHistory } from "../../server/temporal/history";
import { apiClient, probeCopy, runCli, TERMINAL, waitFor, type Execution } from "../runner/exec-helpers";

const apiUrl = inject("apiUrl");
const stateDir = inject("stateDir");
const venv = inject("venv");
const keys = inject("seedKeys");
const api = apiClient(apiUrl, keys.demo.key);
const platformApi = apiClient(apiUrl, keys.platform.key);

interface Wf {
  id: string;
  name: string;
  version: string;
  visibility: string;
}

let probe = ""; // runner-probe@0.1.0 (tenant, direct, timeout 60 s)
let quick = ""; // runner-probe@0.2.0 (tenant, direct, timeout 4 s)
let curated = ""; // runner-probe-curated@1.0.0 (GLOBAL, curated: durable)
let temporal: { connection: Connection; client: Client };
const folders: string[] = [];

async function findWorkflow(name: string, version: string): Promise<string> {
  const list = await api<Wf[]>("GET", "/workflows");
  const wf = list.body.data?.find((w) => w.name === name && w.version === version);
  if (!wf) throw new Error(`${name}@${version} not listed`);
  return wf.id;
}

async function push(key: string, dir: string): Promise<void> {
  const r = await runCli(venv, apiUrl, key, ["push", "-C", dir]);
  if (r.code !== 0) throw new Error(`push failed: ${r.stdout}\n${r.stderr}`);
}

async function run(wfId: string, input: Record<string, unknown>, mode?: "live" | "dry_run") {
  return api<Execution>("POST", `/workflows/${wfId}/run`, { input, ...(mode ? { mode } : {}) });
}

async function settle(wfId: string, id: string, until: (e: Execution) => boolean = (e) => TERMINAL.includes(e.status)): Promise<Execution> {
  return waitFor(`execution ${id}`, async () => {
    const r = await api<Execution>("GET", `/workflows/${wfId}/executions/${id}`);
    return r.body.data && until(r.body.data) ? r.body.data : undefined;
  });
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

beforeAll(async () => {
  const a = probeCopy({ name: "runner-probe", version: "0.1.0", timeoutSeconds: 60 });
  const b = probeCopy({ name: "runner-probe", version: "0.2.0", timeoutSeconds: 4 });
  const c = probeCopy({ name: "runner-probe-curated", version: "1.0.0", timeoutSeconds: 60 });
  folders.push(a, b, c);
  await push(keys.demo.key, a);
  await push(keys.demo.key, b);
  await push(keys.platform.key, c);
  probe = await findWorkflow("runner-probe", "0.1.0");
  quick = await findWorkflow("runner-probe", "0.2.0");
  curated = await findWorkflow("runner-probe-curated", "1.0.0");
  const info = JSON.parse(readFileSync(path.join(stateDir, "temporal.json"), "utf8")) as { address: string; namespace: string };
  const connection = await Connection.connect({ address: info.address });
  temporal = { connection, client: new Client({ connection, namespace: info.namespace }) };
  // the seed leaves long runs open; make room under the concurrency cap
  await waitFor("room under the cap", async () => ((await openTenantRuns()) <= 2 ? true : undefined), 60_000, 500);
}, 180_000);

afterAll(async () => {
  await temporal?.connection.close();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

describe("POST /workflows/:id/run (direct tenant lane)", () => {
  it("runs to COMPLETED and fills every contract field", async () => {
    const r = await run(probe, { mode: "ok", orderId: "o-42" });
    expect(r.status).toBe(201);
    const started = r.body.data as Execution;
    expect(started.status).toBe("RUNNING");
    expect(started.input).toEqual({ mode: "ok", orderId: "o-42" });
    expect(started.temporalWorkflowId).toBe(`wf/${keys.demo.tenantId}/runner-probe/${started.id}`);
    expect(started).toMatchObject({
      workflowName: "runner-probe",
      workflowVersion: "0.1.0",
      triggerSource: "USER",
      triggeredByTriggerId: null,
      dryRun: false,
    });
    expect(started.triggeredByUserId).toBeTruthy();
    const done = await settle(probe, started.id);
    expect(done.status).toBe("COMPLETED");
    expect(done.result).toMatchObject({ mode: "ok", order: "o-42", sms: null });
    expect(done.errorMessage).toBeNull();
    expect(done.temporalRunId).toBeTruthy();
    expect(Date.parse(done.finishedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(done.startedAt ?? ""));
  });

  it("an empty body means {input: {}}; a bad body is 400 VALIDATION_ERROR", async () => {
    const res = await fetch(`${apiUrl}/workflows/${probe}/run`, { method: "POST", headers: { authorization: `Bearer ${keys.demo.key}` } });
    expect(res.status).toBe(201);
    const e = ((await res.json()) as { data: Execution }).data;
    expect(e.input).toEqual({});
    await settle(probe, e.id);
    for (const body of [{ input: [1] }, { input: {}, mode: "fast" }, { input: "x" }]) {
      const bad = await api("POST", `/workflows/${probe}/run`, body);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe("VALIDATION_ERROR");
    }
  });

  it("an input at the JSON nesting limit runs to COMPLETED (the runner decodes it); one level more is 400 and starts nothing", async () => {
    // Body levels: the body object, the `input` object, then 62 arrays under `deep` = 64 (MAX_JSON_DEPTH).
    let deep: unknown = "leaf";
    for (let i = 0; i < MAX_JSON_DEPTH - 2; i++) deep = [deep];
    const r = await run(probe, { mode: "ok", orderId: "o-deep", deep });
    expect(r.status).toBe(201);
    const done = await settle(probe, (r.body.data as Execution).id);
    expect(done.status).toBe("COMPLETED");
    const tooDeep = await api("POST", `/workflows/${probe}/run`, { input: { mode: "ok", orderId: "o-deep", deep: [deep] } });
    expect([tooDeep.status, tooDeep.body.error]).toEqual([400, `Request body nests deeper than ${MAX_JSON_DEPTH} levels`]);
  });

  it("fails in an activity → FAILED with the tenant's error message", async () => {
    const r = await run(probe, { mode: "fail" });
    const done = await settle(probe, (r.body.data as Execution).id);
    expect(done.status).toBe("FAILED");
    expect(done.errorMessage).toContain("probe activity failed: requested by input");
    expect(done.finishedAt).toBeTruthy();
  });

  it("times out at the manifest's timeoutSeconds → TIMED_OUT", async () => {
    const r = await run(quick, { mode: "sleep", seconds: 30 });
    const done = await settle(quick, (r.body.data as Execution).id);
    expect(done.status).toBe("TIMED_OUT");
    expect(done.errorMessage).toBe("Workflow execution timed out after 4s");
  });

  it("a dry run returns the SDK's capture envelope and sends nothing", async () => {
    const r = await run(probe, { mode: "ok", sms: true }, "dry_run");
    const done = await settle(probe, (r.body.data as Execution).id);
    expect(done.dryRun).toBe(true);
    expect(done.status).toBe("COMPLETED");
    const env = done.result as {
      dryRun: boolean;
      return: { sms: unknown };
      trace: Array<{ activity: string; args: unknown[]; result: unknown }>;
      captured: Array<Record<string, unknown>>;
    };
    expect(env.dryRun).toBe(true);
    expect(env.trace.map((t) => t.activity)).toEqual(["load_order", "notify_customer"]);
    expect(env.trace[1]?.args).toEqual(["+15555550100", "Order o-1 is on its way"]);
    expect(env.captured).toEqual([
      {
        method: "send_sms",
        capability: "SendSms",
        args: { to: "+15555550100", body: "Order o-1 is on its way" },
        wouldReturn: { data: { id: "dry-run", status: "captured", dryRun: true } },
      },
    ]);
    expect(env.return.sms).toEqual({ data: { id: "dry-run", status: "captured", dryRun: true } });
  });

  it("a live send goes through the runtime key and is billed once", async () => {
    const r = await run(probe, { mode: "ok", sms: true, orderId: "o-sms" });
    const id = (r.body.data as Execution).id;
    const done = await settle(probe, id);
    expect(done.status).toBe("COMPLETED");
    expect((done.result as { sms: { data: { status: string; alreadySent: boolean } } }).sms.data).toMatchObject({
      status: "sent",
      alreadySent: false,
    });
    const db = new Database(path.join(stateDir, "pegasus.db"), { readonly: true });
    try {
      const usage = db.prepare("SELECT action, billable, workflow_id FROM usage_events WHERE execution_id = ?").all(id);
      expect(usage).toEqual([{ action: "SendSms", billable: 1, workflow_id: probe }]);
      const msg = db.prepare("SELECT recipient, body FROM sandbox_outbound_messages WHERE body = ?").get("Order o-sms is on its way");
      expect(msg).toEqual({ recipient: "+15555550100", body: "Order o-sms is on its way" });
    } finally {
      db.close();
    }
  });
});

describe("history", () => {
  it("equals the §5.2 flattening of Temporal's raw history for the same run", async () => {
    const r = await run(probe, { mode: "ok" });
    const done = await settle(probe, (r.body.data as Execution).id);
    const h = await api<{ events: Array<Record<string, unknown>> }>("GET", `/workflows/${probe}/executions/${done.id}/history`);
    expect(h.status).toBe(200);
    const raw = await temporal.client.workflow.getHandle(done.temporalWorkflowId ?? "", done.temporalRunId ?? undefined).fetchHistory();
    expect(h.body.data?.events).toEqual(summarizeWorkflowHistory(raw));
    expect(h.body.data?.events.length).toBe(raw.events?.length);
    const activities = (h.body.data?.events ?? []).filter((e) => typeof e.activityType === "string").map((e) => e.activityType);
    expect(new Set(activities)).toEqual(new Set(["run_tenant_entry_point"]));
  });

  it("is 404 once Temporal no longer has the run (past retention)", async () => {
    const r = await run(probe, { mode: "ok" });
    const done = await settle(probe, (r.body.data as Execution).id);
    // Point the row at a run Temporal does not know, as after the namespace's retention period.
    const db = new Database(path.join(stateDir, "pegasus.db"));
    try {
      db.prepare("UPDATE workflow_executions SET temporal_workflow_id = ?, temporal_run_id = NULL WHERE id = ?").run(
        `${done.temporalWorkflowId ?? ""}-expired`,
        done.id,
      );
    } finally {
      db.close();
    }
    const h = await api("GET", `/workflows/${probe}/executions/${done.id}/history`);
    expect(h.status).toBe(404);
    expect(h.body).toEqual({ error: "Execution history is no longer available", code: "NOT_FOUND" });
  });

  it("is an empty list when the run never started on Temporal", async () => {
    const db = new Database(path.join(stateDir, "pegasus.db"));
    const id = "never-started-0001";
    try {
      const now = new Date().toISOString();
      db.prepare(
        `INSERT INTO workflow_executions (id, tenant_id, workflow_id, workflow_name, workflow_version, status, error_message, trigger_source, dry_run, queued_at, finished_at, created_at, updated_at, lane, shape)
         VALUES (?, ?, ?, 'runner-probe', '0.1.0', 'FAILED', 'Failed to start workflow on Temporal: test', 'USER', 0, ?, ?, ?, ?, 'TENANT_RUNNER', 'direct')`,
      ).run(id, keys.demo.tenantId, quick, now, now, now, now);
      const h = await api("GET", `/workflows/${quick}/executions/${id}/history`);
      expect(h.status).toBe(200);
      expect(h.body).toEqual({ data: { events: [] } });
      const c = await api("POST", `/workflows/${quick}/executions/${id}/cancel`);
      expect(c.status).toBe(409);
    } finally {
      db.prepare("DELETE FROM workflow_executions WHERE id = ?").run(id);
      db.close();
    }
  });
});

describe("durable shape (curated GLOBAL workflow)", () => {
  it("runs each activity as a Temporal activity, with retries and timers in the history", async () => {
    const failed = await settle(curated, ((await run(curated, { mode: "fail" })).body.data as Execution).id);
    expect(failed.status).toBe("FAILED");
    expect(failed.errorMessage).toBe("Activity explode failed: probe activity failed: requested by input");
    const fh = await api<{ events: Array<{ type: string; activityType?: string; attempt?: number; failure?: string }> }>(
      "GET",
      `/workflows/${curated}/executions/${failed.id}/history`,
    );
    const types = fh.body.data?.events ?? [];
    expect(types.filter((e) => e.type === "ActivityTaskScheduled").map((e) => e.activityType)).toEqual(["load_order", "explode"]);
    expect(types.find((e) => e.type === "ActivityTaskStarted" && e.activityType === "explode")?.attempt).toBe(2);
    expect(types.find((e) => e.type === "ActivityTaskFailed")?.failure).toBe("probe activity failed: requested by input");

    const slept = await settle(curated, ((await run(curated, { mode: "sleep", seconds: 1 })).body.data as Execution).id);
    expect(slept.status).toBe("COMPLETED");
    const sh = await api<{ events: Array<{ type: string }> }>("GET", `/workflows/${curated}/executions/${slept.id}/history`);
    expect(sh.body.data?.events.map((e) => e.type)).toEqual(expect.arrayContaining(["TimerStarted", "TimerFired"]));
  });

  it("refuses a dry run of a curated workflow (422) and a non-curated GLOBAL run (403 WORKFLOW_MUST_FORK)", async () => {
    const dry = await run(curated, {}, "dry_run");
    expect(dry.status).toBe(422);
    expect(dry.body.code).toBe("DRY_RUN_UNSUPPORTED");
    const list = await api<Wf[]>("GET", "/workflows");
    const library = list.body.data?.find((w) => w.visibility === "GLOBAL" && w.name === "move-milestone-notifier");
    if (library) {
      const r = await run(library.id, {});
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ error: "Fork this workflow into your tenant before running it.", code: "WORKFLOW_MUST_FORK" });
    }
    // the owner (platform tenant) may run its own library row in its own lane
    const own = await platformApi<Execution>("POST", `/workflows/${curated}/run`, { input: { mode: "ok" } });
    expect(own.status).toBe(201);
  });
});

describe("cancel and retry", () => {
  it("cancel answers 202 with the row unchanged, then the reconciler moves it to CANCELLED", async () => {
    const r = await run(probe, { mode: "sleep", seconds: 300 });
    const id = (r.body.data as Execution).id;
    await settle(probe, id, (e) => e.status === "RUNNING");
    const c = await api<Execution>("POST", `/workflows/${probe}/executions/${id}/cancel`);
    expect(c.status).toBe(202);
    expect(c.body.data?.status).toBe("RUNNING");
    const done = await settle(probe, id);
    expect(done.status).toBe("CANCELLED");
    expect(done.errorMessage).toBeTruthy();
    const again = await api("POST", `/workflows/${probe}/executions/${id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: "Execution is already CANCELLED — nothing to cancel", code: "EXECUTION_NOT_CANCELLABLE" });
  });

  it("retry of a FAILED run starts a new execution with the stored input; others are 409", async () => {
    const failed = await settle(probe, ((await run(probe, { mode: "fail", orderId: "o-retry" })).body.data as Execution).id);
    const r = await api<Execution>("POST", `/workflows/${probe}/executions/${failed.id}/retry`);
    expect(r.status).toBe(201);
    const next = r.body.data as Execution;
    expect(next.id).not.toBe(failed.id);
    expect(next.input).toEqual({ mode: "fail", orderId: "o-retry" });
    expect(next.triggerSource).toBe("USER");
    const original = await api<Execution>("GET", `/workflows/${probe}/executions/${failed.id}`);
    expect(original.body.data).toEqual(failed);
    const finished = await settle(probe, next.id);
    expect(finished.status).toBe("FAILED");

    const completed = await settle(probe, ((await run(probe, { mode: "ok" })).body.data as Execution).id);
    const no = await api("POST", `/workflows/${probe}/executions/${completed.id}/retry`);
    expect(no.status).toBe(409);
    expect(no.body.code).toBe("EXECUTION_NOT_RETRYABLE");
    expect((await api("POST", `/workflows/${probe}/executions/00000000-0000-4000-8000-000000000000/retry`)).status).toBe(404);
    expect((await api("POST", `/workflows/${probe}/executions/00000000-0000-4000-8000-000000000000/cancel`)).status).toBe(404);
  });
});

describe("list and get", () => {
  it("pages newest first by keyset, with limit validation and clamping", async () => {
    const all = await api<Execution[]>("GET", `/workflows/${probe}/executions?limit=200`);
    expect(all.status).toBe(200);
    const rows = all.body.data ?? [];
    expect(rows.length).toBeGreaterThan(5);
    expect(all.body.meta).toEqual({ count: rows.length, limit: 200 });
    const sorted = [...rows].sort((a, b) => (a.queuedAt === b.queuedAt ? b.id.localeCompare(a.id) : b.queuedAt.localeCompare(a.queuedAt)));
    expect(rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id));

    const first = await api<Execution[]>("GET", `/workflows/${probe}/executions?limit=2`);
    expect(first.body.meta).toEqual({ count: 2, limit: 2 });
    const second = await api<Execution[]>("GET", `/workflows/${probe}/executions?limit=2&before=${first.body.data?.[1]?.id ?? ""}`);
    expect(second.body.data?.map((r) => r.id)).toEqual(rows.slice(2, 4).map((r) => r.id));
    const unknown = await api<Execution[]>("GET", `/workflows/${probe}/executions?limit=2&before=nope`);
    expect(unknown.body.data?.map((r) => r.id)).toEqual(rows.slice(0, 2).map((r) => r.id));

    expect((await api("GET", `/workflows/${probe}/executions?limit=999`)).body.meta).toMatchObject({ limit: 200 });
    expect((await api("GET", `/workflows/${probe}/executions`)).body.meta).toMatchObject({ limit: 50 });
    for (const bad of ["0", "-1", "abc", "1.5"]) {
      const r = await api("GET", `/workflows/${probe}/executions?limit=${bad}`);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe("VALIDATION_ERROR");
    }
  });

  it("404s an unknown workflow or an execution of another workflow", async () => {
    const rows = (await api<Execution[]>("GET", `/workflows/${probe}/executions?limit=1`)).body.data ?? [];
    const one = rows[0] as Execution;
    expect((await api("GET", `/workflows/${quick}/executions/${one.id}`)).body).toEqual({
      error: "Execution not found",
      code: "NOT_FOUND",
    });
    expect((await api("GET", "/workflows/00000000-0000-4000-8000-000000000000/executions")).body).toEqual({
      error: "Workflow not found",
      code: "NOT_FOUND",
    });
    // the platform tenant cannot see the demo tenant's workflow
    expect((await platformApi("GET", `/workflows/${probe}/executions/${one.id}`)).status).toBe(404);
  });
});

describe("lane limits and switches", () => {
  it("caps the tenant lane at 5 concurrent runs (429 CONCURRENCY_LIMIT)", async () => {
    const started: string[] = [];
    try {
      let refusal: { status: number; code?: string } | null = null;
      for (let i = 0; i < 6 && !refusal; i++) {
        const r = await run(probe, { mode: "sleep", seconds: 300 });
        if (r.status === 201) started.push((r.body.data as Execution).id);
        else refusal = { status: r.status, code: r.body.code };
      }
      expect(refusal).toEqual({ status: 429, code: "CONCURRENCY_LIMIT" });
      expect(await openTenantRuns()).toBe(5);
      // the curated lane has no cap
      const c = await run(curated, { mode: "ok" });
      expect(c.status).toBe(201);
    } finally {
      for (const id of started) await api("POST", `/workflows/${probe}/executions/${id}/cancel`);
      for (const id of started) await settle(probe, id);
    }
  });

  it("answers 423 WORKFLOWS_DISABLED, 400 WORKFLOW_NOT_EXECUTABLE and 429 DAILY_QUOTA_EXCEEDED", async () => {
    const db = new Database(path.join(stateDir, "pegasus.db"));
    const tenant = keys.demo.tenantId;
    try {
      db.prepare("UPDATE tenants SET workflows_disabled = 1 WHERE id = ?").run(tenant);
      const off = await run(probe, {});
      expect(off.status).toBe(423);
      expect(off.body.code).toBe("WORKFLOWS_DISABLED");
      db.prepare("UPDATE tenants SET workflows_disabled = 0 WHERE id = ?").run(tenant);

      db.prepare("UPDATE workflows SET executable = 0 WHERE id = ?").run(quick);
      const ne = await run(quick, {});
      expect(ne.status).toBe(400);
      expect(ne.body.code).toBe("WORKFLOW_NOT_EXECUTABLE");
      db.prepare("UPDATE workflows SET executable = 1 WHERE id = ?").run(quick);

      const today = (
        db
          .prepare("SELECT COUNT(*) AS n FROM workflow_executions WHERE tenant_id = ? AND lane = 'TENANT_RUNNER' AND queued_at >= ?")
          .get(tenant, new Date().toISOString().slice(0, 10) + "T00:00:00.000Z") as { n: number }
      ).n;
      const now = new Date().toISOString();
      const insert = db.prepare(
        `INSERT INTO workflow_executions (id, tenant_id, workflow_id, workflow_name, workflow_version, status, trigger_source, dry_run, queued_at, created_at, updated_at, lane, shape)
         VALUES (?, ?, ?, 'runner-probe', '0.1.0', 'COMPLETED', 'USER', 0, ?, ?, ?, 'TENANT_RUNNER', 'direct')`,
      );
      db.transaction(() => {
        for (let i = today; i < 200; i++) insert.run(`quota-filler-${i}`, tenant, quick, now, now, now);
      })();
      const q = await run(probe, {});
      expect(q.status).toBe(429);
      expect(q.body.code).toBe("DAILY_QUOTA_EXCEEDED");
    } finally {
      db.prepare("UPDATE tenants SET workflows_disabled = 0 WHERE id = ?").run(tenant);
      db.prepare("UPDATE workflows SET executable = 1 WHERE id = ?").run(quick);
      db.prepare("DELETE FROM workflow_executions WHERE id LIKE 'quota-filler-%'").run();
      db.close();
    }
  });
});

describe("the real CLI", () => {
  it("executions list and executions show read the sandbox", async () => {
    const done = await settle(probe, ((await run(probe, { mode: "fail" })).body.data as Execution).id);
    const list = await runCli(venv, apiUrl, keys.demo.key, ["executions", "list", probe, "-n", "5"]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/EXECUTION ID\s+STATUS\s+TRIGGER\s+QUEUED AT/);
    expect(list.stdout).toContain(done.id);
    const show = await runCli(venv, apiUrl, keys.demo.key, ["executions", "show", probe, done.id]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`execution ${done.id}`);
    expect(show.stdout).toContain("status:   FAILED");
    expect(show.stdout).toContain("error:    probe activity failed: requested by input");
    expect(show.stdout).toMatch(/ActivityTaskFailed\s+\[run_tenant_entry_point\]\s+failure: probe activity failed/);
    expect(show.stdout).toMatch(/WorkflowExecutionStarted/);
  });
});
