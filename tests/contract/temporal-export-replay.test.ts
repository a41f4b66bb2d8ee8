// Issue #15: the history export (lib/temporal/reads.ts readFullHistoryJson, served by
// GET …/history/export) is Temporal's own JSON history. It must load with the Temporal Python
// SDK's WorkflowHistory.from_json and replay with the runner's own workflow classes without a
// nondeterminism error: a durable run (the tenant class itself) and a direct-mode run (the proxy).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Connection } from "@temporalio/client";
import type { TemporalReader } from "@/lib/temporal/client";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { apiClient, waitFor, type Execution } from "../../sandbox/tests/runner/exec-helpers";

vi.mock("server-only", () => ({}));
const { readFullHistoryJson } = await import("@/lib/temporal/reads");
const { decodeEvents } = await import("@/lib/temporal/decode");

const apiUrl = inject("apiUrl");
const stateDir = inject("stateDir");
const venv = inject("venv");
const api = apiClient(apiUrl, inject("seedKeys").demo.key);
const RUNNER_DIR = path.resolve(import.meta.dirname, "../../sandbox/runner");
const SCRIPT = path.resolve(import.meta.dirname, "replay_export.py");

let connection: Connection;
let reader: TemporalReader;
const tmp = mkdtempSync(path.join(os.tmpdir(), "export-replay-"));

beforeAll(async () => {
  const info = JSON.parse(readFileSync(path.join(stateDir, "temporal.json"), "utf8")) as { address: string; namespace: string };
  connection = await Connection.connect({ address: info.address });
  reader = {
    service: connection.workflowService,
    namespace: info.namespace,
    withDeadline: (deadline, fn) => connection.withDeadline(deadline, fn),
  };
});

afterAll(async () => {
  await connection?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A COMPLETED seeded run of `name` in the demo tenant (the seed starts them at sandbox start). */
async function completedRun(name: string): Promise<Execution> {
  const list = await api<Array<{ id: string; name: string }>>("GET", "/workflows");
  const wf = list.body.data?.find((w) => w.name === name);
  if (!wf) throw new Error(`${name} is not visible to the demo tenant`);
  return waitFor(
    `a completed ${name} run`,
    async () => {
      const r = await api<Execution[]>("GET", `/workflows/${wf.id}/executions?limit=50`);
      return r.body.data?.find((e) => e.status === "COMPLETED" && e.temporalWorkflowId);
    },
    120_000,
    500,
  );
}

function replay(file: string, e: Execution, mode: "direct" | "durable"): Promise<{ code: number | string; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      path.join(venv, "bin", "python"),
      [SCRIPT, file, e.temporalWorkflowId ?? "", mode, stateDir, e.workflowId, e.tenantId],
      {
        cwd: RUNNER_DIR,
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", PYTHONPATH: RUNNER_DIR },
      },
    );
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    // a signal (the interpreter dying at teardown) is reported by name, not folded into exit code 1
    child.on("close", (code, signal) => resolve({ code: code ?? `signal ${signal}`, out }));
  });
}

describe("history export replays with the Temporal Python SDK", () => {
  it.each([
    ["direct", "delivery-eta-notice"],
    ["durable", "move-status-digest"],
  ] as const)(
    "%s-mode run (%s)",
    async (mode, name) => {
      const e = await completedRun(name);
      expect(e.temporalWorkflowId?.startsWith(`wf/${e.tenantId}/`)).toBe(true);
      const body = await readFullHistoryJson(reader, { workflowId: e.temporalWorkflowId ?? "", runId: e.temporalRunId ?? undefined });
      const parsed = JSON.parse(body) as { events: Array<Record<string, unknown>> };
      expect(Object.keys(parsed)).toEqual(["events"]);
      expect(parsed.events[0]?.eventType).toBe("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");
      expect(parsed.events.at(-1)?.eventType).toBe("EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED");
      // the page's decoder names every event of the real history
      expect(decodeEvents(parsed.events, { showValues: true }).map((d) => d.type)).not.toContain("Unknown");
      const file = path.join(tmp, `${mode}.json`);
      writeFileSync(file, body);
      const r = await replay(file, e, mode);
      expect(r.code, r.out).toBe(0);
      expect(JSON.parse(r.out.trim().split("\n").at(-1) ?? "{}")).toEqual({ ok: true, events: parsed.events.length });

      // a tampered history (a step result of another activity type) does not replay
      if (mode === "durable") {
        const tampered = structuredClone(parsed);
        const sched = tampered.events.find((x) => x.eventType === "EVENT_TYPE_ACTIVITY_TASK_SCHEDULED");
        const attrs = sched?.activityTaskScheduledEventAttributes as { activityType: { name: string } } | undefined;
        if (!attrs) throw new Error("durable history has no scheduled step");
        attrs.activityType.name = "not_the_step_the_code_runs";
        const bad = path.join(tmp, "tampered.json");
        writeFileSync(bad, JSON.stringify(tampered));
        const r2 = await replay(bad, e, mode);
        expect(r2.code, r2.out).not.toBe(0);
        expect(r2.out).toMatch(/[Nn]ondetermin/);
      }
    },
    180_000,
  );
});
