import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RunningSandbox } from "../../server/sandbox";
import { apiClient } from "../runner/exec-helpers";
import { startTemporalDownSandbox, type TemporalDownSandbox } from "../runner/temporal-down";

// A private sandbox whose Temporal cannot start (its gRPC port is already taken): the run,
// cancel and history routes must answer the contract's 502 codes instead of hanging.
const venv = inject("venv");
let down: TemporalDownSandbox;
let sandbox: RunningSandbox;
let stateDir = "";
let wfId = "";

beforeAll(async () => {
  down = await startTemporalDownSandbox(venv, "runner-probe-down");
  ({ sandbox, stateDir, wfId } = down);
}, 180_000);

afterAll(async () => {
  await down?.stop();
});

describe("when Temporal cannot start", () => {
  it("GET /health reports Temporal down with the reason", async () => {
    const res = await fetch(new URL("/health", sandbox.apiUrl));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { api: { state: string }; temporal: { state: string; detail?: string } };
    expect(body.api.state).toBe("ok");
    expect(body.temporal.state).toBe("down");
    expect(body.temporal.detail).toMatch(/Temporal dev server exited/);
  });

  it("run answers 502 TEMPORAL_START_FAILED with data null and writes no row", async () => {
    const api = apiClient(sandbox.apiUrl, sandbox.seedKeys.demo.key);
    const r = await api("POST", `/workflows/${wfId}/run`, { input: {} });
    expect(r.status).toBe(502);
    expect(r.body.code).toBe("TEMPORAL_START_FAILED");
    expect(r.body.data).toBeNull();
    expect(String(r.body.error)).toMatch(/^Failed to start workflow on Temporal: Temporal dev server exited/);
    const rows = await api<unknown[]>("GET", `/workflows/${wfId}/executions`);
    expect(rows.body.data).toEqual([]);
  });

  it("cancel and history answer 502 for a run Temporal had accepted", async () => {
    const api = apiClient(sandbox.apiUrl, sandbox.seedKeys.demo.key);
    const db = new Database(path.join(stateDir, "pegasus.db"));
    const id = "00000000-0000-4000-8000-00000000d0e1";
    try {
      const now = new Date().toISOString();
      db.prepare(
        `INSERT INTO workflow_executions (id, tenant_id, workflow_id, workflow_name, workflow_version, status, temporal_workflow_id, trigger_source, dry_run, queued_at, started_at, created_at, updated_at, lane, shape)
         VALUES (?, ?, ?, 'runner-probe-down', '0.1.0', 'RUNNING', ?, 'USER', 0, ?, ?, ?, ?, 'TENANT_RUNNER', 'direct')`,
      ).run(id, sandbox.seedKeys.demo.tenantId, wfId, `wf/${sandbox.seedKeys.demo.tenantId}/runner-probe-down/${id}`, now, now, now, now);
    } finally {
      db.close();
    }
    const c = await api("POST", `/workflows/${wfId}/executions/${id}/cancel`);
    expect(c.status).toBe(502);
    expect(c.body.code).toBe("TEMPORAL_CANCEL_FAILED");
    const h = await api("GET", `/workflows/${wfId}/executions/${id}/history`);
    expect(h.status).toBe(502);
    expect(h.body.code).toBe("TEMPORAL_HISTORY_UNAVAILABLE");
    // the row itself stays readable
    const g = await api<{ status: string }>("GET", `/workflows/${wfId}/executions/${id}`);
    expect(g.body.data?.status).toBe("RUNNING");
  });
});
