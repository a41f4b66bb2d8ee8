/**
 * Run-path decisions as pure functions (lanes, limits, input shapes), unit-tested on their own.
 * Numbers and codes follow pegasus-api.md §4.1–§4.2.
 */

/** TENANT_RUNNER_CONCURRENCY_CAP: QUEUED/RUNNING tenant-lane executions allowed per tenant. */
export const TENANT_RUNNER_CONCURRENCY_CAP = 5;
/** TENANT_WORKFLOW_DAILY_QUOTA: tenant-lane executions per tenant per UTC day. */
export const TENANT_WORKFLOW_DAILY_QUOTA = 200;
/** Execution timeout when the manifest has no `timeoutSeconds`. */
export const DEFAULT_TIMEOUT_SECONDS = 900;

export type Lane = "STDLIB" | "TENANT_RUNNER";
export type Shape = "direct" | "durable";

export interface RunnableWorkflow {
  tenantId: string;
  name: string;
  visibility: "TENANT" | "GLOBAL";
  executable: boolean;
  status: "ACTIVE" | "RETIRED";
  timeoutSeconds: number | null;
}

export interface RunRequest {
  callerTenantId: string;
  dryRun: boolean;
  workflowsDisabled: boolean;
  /** QUEUED + RUNNING tenant-lane executions of the caller's tenant. */
  openTenantRuns: number;
  /** Tenant-lane executions queued by the caller's tenant since UTC midnight. */
  tenantRunsToday: number;
  /** Curated (STDLIB) GLOBAL workflow names. */
  curatedNames: ReadonlySet<string>;
  /** SANDBOX_TENANT_DURABLE: run tenant code in the durable shape (live runs only). */
  tenantDurable: boolean;
}

export interface RunRejection {
  status: 400 | 403 | 404 | 422 | 423 | 429;
  code: string;
  message: string;
}

export interface RunPlan {
  lane: Lane;
  shape: Shape;
  timeoutSeconds: number | null;
}

/** Decide lane and shape, or the contract error that refuses the run. */
export function planRun(wf: RunnableWorkflow, req: RunRequest): RunPlan | RunRejection {
  if (wf.status === "RETIRED") return { status: 404, code: "NOT_FOUND", message: "Workflow not found" };
  const curated = wf.visibility === "GLOBAL" && req.curatedNames.has(wf.name);
  if (wf.visibility === "GLOBAL" && !curated && wf.tenantId !== req.callerTenantId) {
    return { status: 403, code: "WORKFLOW_MUST_FORK", message: "Fork this workflow into your tenant before running it." };
  }
  if (!wf.executable) {
    return {
      status: 400,
      code: "WORKFLOW_NOT_EXECUTABLE",
      message: "Workflow has no executable artifact. Re-upload the artifact with the current SDK.",
    };
  }
  if (curated && req.dryRun) {
    return { status: 422, code: "DRY_RUN_UNSUPPORTED", message: "Dry runs are only supported for tenant-runner workflows" };
  }
  if (req.workflowsDisabled) {
    return { status: 423, code: "WORKFLOWS_DISABLED", message: "Workflows are disabled for this tenant" };
  }
  if (curated) return { lane: "STDLIB", shape: "durable", timeoutSeconds: null };
  if (req.openTenantRuns >= TENANT_RUNNER_CONCURRENCY_CAP) {
    return {
      status: 429,
      code: "CONCURRENCY_LIMIT",
      message: `Too many concurrent executions (limit ${TENANT_RUNNER_CONCURRENCY_CAP})`,
    };
  }
  if (req.tenantRunsToday >= TENANT_WORKFLOW_DAILY_QUOTA) {
    return {
      status: 429,
      code: "DAILY_QUOTA_EXCEEDED",
      message: `Daily workflow execution quota of ${TENANT_WORKFLOW_DAILY_QUOTA} reached`,
    };
  }
  return {
    lane: "TENANT_RUNNER",
    shape: req.tenantDurable && !req.dryRun ? "durable" : "direct",
    timeoutSeconds: wf.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
  };
}

export function isRejection(p: RunPlan | RunRejection): p is RunRejection {
  return "code" in p;
}

/** Start of the UTC day of `now`, as an ISO string. */
export function utcDayStart(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
}

/** Temporal workflow id of an execution: `wf/<tenantId>/<name>/<executionId>`. */
export function temporalWorkflowId(tenantId: string, name: string, executionId: string): string {
  return `wf/${tenantId}/${name}/${executionId}`;
}

export type TriggerStart =
  | { source: "USER"; executionId: string; input: Record<string, unknown> }
  | { source: "EVENT"; envelope: { domainEventId: string; eventType: string; occurredAt: string; payload: unknown } }
  | { source: "SCHEDULE"; executionId: string; scheduledAt: string; schedule: string; triggerId: string };

/** What is stored as the row's `input` for each start kind. */
export function rowInput(start: TriggerStart): unknown {
  switch (start.source) {
    case "USER":
      return start.input;
    case "EVENT":
      return start.envelope;
    case "SCHEDULE":
      return { scheduledAt: start.scheduledAt, schedule: start.schedule, triggerId: start.triggerId };
  }
}

/** The single positional argument the tenant's `run()` receives (SDK README "Input contract"). */
export function workflowArgument(start: TriggerStart): unknown {
  switch (start.source) {
    case "USER":
      return { executionId: start.executionId, input: start.input };
    case "EVENT":
      return start.envelope;
    case "SCHEDULE":
      return { executionId: start.executionId, input: rowInput(start) };
  }
}

/** Whether an execution in `status` may be cancelled / retried. */
export function canCancel(status: string): boolean {
  return status === "QUEUED" || status === "RUNNING";
}
export function canRetry(status: string): boolean {
  return status === "FAILED" || status === "TIMED_OUT" || status === "CANCELLED";
}
