// Issue #15: a run whose workflow task keeps failing is named as stuck from Temporal's own data,
// through the console's read seam (lib/temporal): the failing workflow task is a named event with
// its failure, and findStuck reports it within one read. The run: the curated (durable) runner
// probe asked to sleep for "not-a-number" seconds, so its workflow code raises on every attempt.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { Connection } from "@temporalio/client";
import type { TemporalReader } from "@/lib/temporal/client";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { apiClient, probeCopy, runCli, waitFor, type Execution } from "../../sandbox/tests/runner/exec-helpers";

vi.mock("server-only", () => ({}));
const { readRawHistory, describeRun } = await import("@/lib/temporal/reads");
const { decodeEvents } = await import("@/lib/temporal/decode");
const { toRunState } = await import("@/lib/temporal/run-state");
const { findStuck } = await import("@/lib/temporal/stuck");

const apiUrl = inject("apiUrl");
const stateDir = inject("stateDir");
const keys = inject("seedKeys");
const api = apiClient(apiUrl, keys.demo.key);
let connection: Connection;
let reader: TemporalReader;
let curated = "";
const folders: string[] = [];

beforeAll(async () => {
  const dir = probeCopy({ name: "runner-probe-curated", version: "1.7.0", timeoutSeconds: 120 });
  folders.push(dir);
  const pushed = await runCli(inject("venv"), apiUrl, keys.platform.key, ["push", "-C", dir]);
  if (pushed.code !== 0) throw new Error(`push failed: ${pushed.stdout}\n${pushed.stderr}`);
  // only the sandbox's curated names run durable (sandbox/server/temporal/curated.ts)
  const list = await api<Array<{ id: string; name: string; version: string }>>("GET", "/workflows");
  curated = list.body.data?.find((w) => w.name === "runner-probe-curated" && w.version === "1.7.0")?.id ?? "";
  if (!curated) throw new Error("the curated probe is not visible to the demo tenant");
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
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

describe("stuck: a workflow task that keeps failing", () => {
  it("is a named event with its failure, and findStuck names it", async () => {
    const started = await api<Execution>("POST", `/workflows/${curated}/run`, { input: { mode: "sleep", seconds: "not-a-number" } });
    expect(started.status).toBe(201);
    const e0 = started.body.data as Execution;
    const e = await waitFor(
      "the run starts on Temporal",
      async () => {
        const r = await api<Execution>("GET", `/workflows/${curated}/executions/${e0.id}`);
        return r.body.data?.temporalWorkflowId ? r.body.data : undefined;
      },
      60_000,
    );
    const run = { workflowId: e.temporalWorkflowId ?? "", runId: e.temporalRunId ?? undefined };
    const findings = await waitFor(
      "a stuck finding",
      async () => {
        const page = await readRawHistory(reader, run, null, 1000);
        const events = decodeEvents(page.events, { showValues: true });
        const state = toRunState(await describeRun(reader, run), { showValues: true });
        const found = findStuck({ open: true, startedAt: e.startedAt, events, state, now: Date.now() });
        return found.length > 0 ? { found, events, state } : undefined;
      },
      60_000,
      1_000,
    );
    const failed = findings.events.find((x) => x.type === "WorkflowTaskFailed");
    expect(failed).toMatchObject({ label: "Workflow task failed", category: "workflow-task" });
    expect(failed?.failure?.message).toMatch(/float/);
    expect(failed?.failure?.stackTrace).toBeTruthy();
    expect(findings.found[0]).toMatchObject({ kind: "workflow-task-failing" });
    expect(findings.found[0]?.detail).toMatch(/float/);
    expect(findings.found[0]?.since).toBe(failed?.time);
    // the API's flattened history calls these events "Unknown": the reason this seam exists
    const flat = await api<{ events: Array<{ id: string; type: string }> }>("GET", `/workflows/${curated}/executions/${e.id}/history`);
    expect(flat.body.data?.events.find((x) => x.id === failed?.id)?.type).toBe("Unknown");
    await api("POST", `/workflows/${curated}/executions/${e.id}/cancel`);
  }, 150_000);
});
