import { describe, expect, it } from "vitest";
import {
  canCancel,
  canRetry,
  isRejection,
  planRun,
  rowInput,
  temporalWorkflowId,
  utcDayStart,
  workflowArgument,
  type RunnableWorkflow,
  type RunRequest,
} from "../../server/temporal/lanes";

const tenant = "6f1c2a4e-1b7d-4c1e-9a53-0d7f3e2b9a10";
const platform = "00000000-0000-4000-8000-000000000001";

const tenantWf: RunnableWorkflow = {
  tenantId: tenant,
  name: "order-saved-sms",
  visibility: "TENANT",
  executable: true,
  status: "ACTIVE",
  timeoutSeconds: 120,
};
const curatedWf: RunnableWorkflow = {
  tenantId: platform,
  name: "move-status-digest",
  visibility: "GLOBAL",
  executable: true,
  status: "ACTIVE",
  timeoutSeconds: 300,
};
const libraryWf: RunnableWorkflow = { ...curatedWf, name: "move-milestone-notifier" };

const req = (over: Partial<RunRequest> = {}): RunRequest => ({
  callerTenantId: tenant,
  dryRun: false,
  workflowsDisabled: false,
  openTenantRuns: 0,
  tenantRunsToday: 0,
  curatedNames: new Set(["move-status-digest"]),
  tenantDurable: false,
  ...over,
});

function code(wf: RunnableWorkflow, r: RunRequest): string {
  const p = planRun(wf, r);
  return isRejection(p) ? p.code : `${p.lane}/${p.shape}`;
}

describe("planRun lanes", () => {
  it("runs tenant code direct in the TENANT_RUNNER lane with the manifest timeout", () => {
    expect(planRun(tenantWf, req())).toEqual({ lane: "TENANT_RUNNER", shape: "direct", timeoutSeconds: 120 });
    expect(planRun({ ...tenantWf, timeoutSeconds: null }, req())).toEqual({ lane: "TENANT_RUNNER", shape: "direct", timeoutSeconds: 900 });
  });

  it("runs tenant code durable only when SANDBOX_TENANT_DURABLE is on, and never for dry runs", () => {
    expect(code(tenantWf, req({ tenantDurable: true }))).toBe("TENANT_RUNNER/durable");
    expect(code(tenantWf, req({ tenantDurable: true, dryRun: true }))).toBe("TENANT_RUNNER/direct");
  });

  it("runs curated GLOBAL workflows durable in the STDLIB lane, without limits or timeout", () => {
    expect(planRun(curatedWf, req({ openTenantRuns: 99, tenantRunsToday: 9999 }))).toEqual({
      lane: "STDLIB",
      shape: "durable",
      timeoutSeconds: null,
    });
  });

  it("refuses with the contract codes", () => {
    expect(code(libraryWf, req())).toBe("WORKFLOW_MUST_FORK");
    expect(code(libraryWf, req({ callerTenantId: platform }))).toBe("TENANT_RUNNER/direct");
    expect(code({ ...tenantWf, executable: false }, req())).toBe("WORKFLOW_NOT_EXECUTABLE");
    expect(code(curatedWf, req({ dryRun: true }))).toBe("DRY_RUN_UNSUPPORTED");
    expect(code(tenantWf, req({ workflowsDisabled: true }))).toBe("WORKFLOWS_DISABLED");
    expect(code(curatedWf, req({ workflowsDisabled: true }))).toBe("WORKFLOWS_DISABLED");
    expect(code({ ...tenantWf, status: "RETIRED" }, req())).toBe("NOT_FOUND");
  });

  it("caps concurrency at 5 open tenant-lane runs", () => {
    expect(code(tenantWf, req({ openTenantRuns: 4 }))).toBe("TENANT_RUNNER/direct");
    const p = planRun(tenantWf, req({ openTenantRuns: 5 }));
    expect(p).toMatchObject({ status: 429, code: "CONCURRENCY_LIMIT" });
  });

  it("enforces the daily quota of 200", () => {
    expect(code(tenantWf, req({ tenantRunsToday: 199 }))).toBe("TENANT_RUNNER/direct");
    expect(planRun(tenantWf, req({ tenantRunsToday: 200 }))).toMatchObject({ status: 429, code: "DAILY_QUOTA_EXCEEDED" });
  });

  it("checks the kill switch before the lane limits", () => {
    expect(code(tenantWf, req({ workflowsDisabled: true, openTenantRuns: 5 }))).toBe("WORKFLOWS_DISABLED");
  });
});

describe("run inputs", () => {
  it("gives each start kind the contract's argument and stored input", () => {
    const manual = { source: "USER", executionId: "e-1", input: { quote_id: "q-1" } } as const;
    expect(workflowArgument(manual)).toEqual({ executionId: "e-1", input: { quote_id: "q-1" } });
    expect(rowInput(manual)).toEqual({ quote_id: "q-1" });

    const envelope = {
      domainEventId: "d-1",
      eventType: "quote.accepted",
      occurredAt: "2026-01-01T00:00:00.000Z",
      payload: { quoteId: "Q" },
    };
    expect(workflowArgument({ source: "EVENT", envelope })).toEqual(envelope);
    expect(rowInput({ source: "EVENT", envelope })).toEqual(envelope);

    const tick = {
      source: "SCHEDULE",
      executionId: "e-2",
      scheduledAt: "2026-01-01T02:00:00.000Z",
      schedule: "0 2 * * *",
      triggerId: "t-1",
    } as const;
    expect(rowInput(tick)).toEqual({ scheduledAt: tick.scheduledAt, schedule: "0 2 * * *", triggerId: "t-1" });
    expect(workflowArgument(tick)).toEqual({ executionId: "e-2", input: rowInput(tick) });
  });

  it("names Temporal workflows wf/<tenantId>/<name>/<executionId>", () => {
    expect(temporalWorkflowId(tenant, "order-saved-sms", "e-1")).toBe(`wf/${tenant}/order-saved-sms/e-1`);
  });

  it("computes the UTC day start and the cancel/retry state rules", () => {
    expect(utcDayStart(new Date("2026-11-21T23:59:59.999-05:00"))).toBe("2026-11-22T00:00:00.000Z");
    expect(["QUEUED", "RUNNING"].every(canCancel)).toBe(true);
    expect(["COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED"].some(canCancel)).toBe(false);
    expect(["FAILED", "TIMED_OUT", "CANCELLED"].every(canRetry)).toBe(true);
    expect(["QUEUED", "RUNNING", "COMPLETED"].some(canRetry)).toBe(false);
  });
});
