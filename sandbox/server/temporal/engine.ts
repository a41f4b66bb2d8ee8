/**
 * The run path, cancel, history and the reconciler: everything between an execution row and
 * Temporal. Used by the HTTP routes, the trigger dispatcher, the scheduler and the seed.
 */
import { randomUUID } from "node:crypto";
import {
  ActivityFailure,
  ApplicationFailure,
  TemporalFailure,
  WorkflowFailedError,
  WorkflowNotFoundError,
  type Client,
} from "@temporalio/client";
import type { SandboxContext } from "../context";
import { ApiError, tooDeepError, valueNestsDeeperThan } from "../http";
import { curatedWorkflowNames } from "./curated";
import { summarizeWorkflowHistory, type WorkflowHistoryEvent } from "./history";
import {
  isRejection,
  planRun,
  rowInput,
  temporalWorkflowId,
  utcDayStart,
  workflowArgument,
  type RunPlan,
  type TriggerStart,
} from "./lanes";
import { DIRECT_TASK_QUEUE, TemporalService } from "./service";
import { curatedRuntimeToken } from "./curated-keys";
import { coldStartWaitMs, holdForReconcileDelay, readPlatformTiming, type PlatformTiming, type RunnerActivity } from "./platform-timing";
import { durableTaskQueue, manifestFacts, runnerSpecId, writeRunnerSpec } from "./specs";
import {
  getExecutionById,
  patchExecution,
  tenantLaneCounts,
  toExecutionResponse,
  type ExecutionResponse,
  type ExecutionRow,
  type ExecutionStatus,
} from "./store";
import type { WorkflowRow } from "../lib/workflows";

export type RuntimeTokenFn = (ctx: SandboxContext, workflowId: string) => string;

export interface StartOptions {
  workflow: WorkflowRow;
  callerTenantId: string;
  start: TriggerStart;
  dryRun: boolean;
  triggeredByUserId: string | null;
  triggerId: string | null;
  /** Override the Temporal workflow type (sandbox utilities such as the large-history run). */
  workflowType?: string;
}

/** Deepest message of a Temporal failure chain; activity failures name their activity. */
export function describeFailure(err: unknown): string {
  let current: unknown = err instanceof WorkflowFailedError ? (err.cause ?? err) : err;
  let activityType: string | null = null;
  let message = err instanceof Error ? err.message : String(err);
  while (current instanceof Error) {
    if (current instanceof ActivityFailure) activityType = current.activityType;
    if (current.message) message = current.message;
    if (!(current instanceof TemporalFailure) || !current.cause) break;
    current = current.cause;
  }
  if (current instanceof ApplicationFailure && current.type === "TimeoutError") return message;
  if (activityType && activityType !== "run_tenant_entry_point") return `Activity ${activityType} failed: ${message}`;
  return message;
}

/** Temporal's "no such workflow": a WorkflowNotFoundError, or (fetchHistory) a raw gRPC NOT_FOUND (code 5). */
export function isNotFound(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === 5;
}

export class ExecutionEngine {
  readonly curated = curatedWorkflowNames();
  readonly tenantDurable = process.env.SANDBOX_TENANT_DURABLE === "1";
  private timer: NodeJS.Timeout | null = null;
  private reconciling = false;
  private stopped = false;
  /** Opt-in platform timing (§4.6): reconciler lag and runner cold start. */
  readonly timing: PlatformTiming = readPlatformTiming();
  private warmingUntilMs = 0;
  private readonly pendingStarts = new Set<NodeJS.Timeout>();

  constructor(
    readonly ctx: SandboxContext,
    readonly temporal: TemporalService,
    private readonly runtimeToken: RuntimeTokenFn,
  ) {}

  /**
   * Start a new execution: lane checks, a QUEUED row, the Temporal start, then RUNNING.
   * Throws the contract's ApiError on refusal; 502 TEMPORAL_START_FAILED carries `data`.
   */
  async start(opts: StartOptions): Promise<ExecutionResponse> {
    const { ctx } = this;
    const { workflow: wf } = opts;
    // Bodies are depth-checked when read; this guards every other way in (retries of stored rows,
    // event payloads) before JSON.stringify below or the runner's decoder could choke on a depth.
    if (valueNestsDeeperThan(workflowArgument(opts.start))) throw tooDeepError("The run input");
    const facts = manifestFacts(wf.manifest);
    const tenant = ctx.db.prepare("SELECT workflows_disabled FROM tenants WHERE id = ?").get(opts.callerTenantId) as
      { workflows_disabled: number } | undefined;
    const now = new Date();
    const executionId = opts.start.source === "EVENT" ? randomUUID() : opts.start.executionId;
    // Check and insert with no await in between: two concurrent runs cannot both pass the cap.
    const counts = tenantLaneCounts(ctx.db, opts.callerTenantId, utcDayStart(now));
    const plan = planRun(
      {
        tenantId: wf.tenant_id,
        name: wf.name,
        visibility: wf.visibility,
        executable: wf.executable === 1 && wf.artifact_key !== null,
        status: wf.status,
        timeoutSeconds: facts.timeoutSeconds,
      },
      {
        callerTenantId: opts.callerTenantId,
        dryRun: opts.dryRun,
        workflowsDisabled: tenant?.workflows_disabled === 1,
        openTenantRuns: counts.open,
        tenantRunsToday: counts.today,
        curatedNames: this.curated,
        tenantDurable: this.tenantDurable,
      },
    );
    if (isRejection(plan)) throw new ApiError(plan.status, plan.code, plan.message);
    if (!this.temporal.ready()) {
      throw new ApiError(502, "TEMPORAL_START_FAILED", `Failed to start workflow on Temporal: ${this.temporal.reason}`, { data: null });
    }
    const iso = now.toISOString();
    const wait = plan.lane === "TENANT_RUNNER" ? coldStartWaitMs(this.timing, this.runnerActivity(), now.getTime()) : 0;
    if (wait > 0) this.warmingUntilMs = Math.max(this.warmingUntilMs, now.getTime() + wait);
    ctx.db
      .prepare(
        `INSERT INTO workflow_executions (id, tenant_id, workflow_id, workflow_name, workflow_version, status, input, result,
           error_message, temporal_workflow_id, temporal_run_id, triggered_by_user_id, trigger_source, triggered_by_trigger_id,
           dry_run, queued_at, started_at, finished_at, created_at, updated_at, lane, shape)
         VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, NULL, NULL, NULL, NULL, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)`,
      )
      .run(
        executionId,
        opts.callerTenantId,
        wf.id,
        wf.name,
        wf.version,
        JSON.stringify(rowInput(opts.start) ?? {}),
        opts.triggeredByUserId,
        opts.start.source,
        opts.triggerId,
        opts.dryRun ? 1 : 0,
        iso,
        iso,
        iso,
        plan.lane,
        plan.shape,
      );

    // A cold tenant runner keeps the run QUEUED for a while (contract §4.6; off unless configured).
    if (wait > 0) {
      ctx.log("info", "executions: runner cold start", { executionId, waitMs: wait });
      const timer = setTimeout(() => {
        this.pendingStarts.delete(timer);
        void this.launch(opts, executionId, plan).catch(() => undefined);
      }, wait);
      this.pendingStarts.add(timer);
    } else {
      await this.launch(opts, executionId, plan);
    }
    const row = getExecutionById(ctx.db, executionId);
    if (!row) throw new Error("execution row vanished");
    return toExecutionResponse(row);
  }

  /** Tenant-lane activity the cold-start knob looks at: open runs and the latest queue/finish instant. */
  private runnerActivity(): RunnerActivity {
    const row = this.ctx.db
      .prepare(
        `SELECT SUM(CASE WHEN status IN ('QUEUED','RUNNING') THEN 1 ELSE 0 END) AS open,
                MAX(MAX(queued_at), COALESCE(MAX(finished_at), '')) AS last
           FROM workflow_executions WHERE lane = 'TENANT_RUNNER'`,
      )
      .get() as { open: number | null; last: string | null } | undefined;
    const last = row?.last ? Date.parse(row.last) : NaN;
    return { openRuns: row?.open ?? 0, lastActivityMs: Number.isNaN(last) ? null : last, warmingUntilMs: this.warmingUntilMs };
  }

  /** The Temporal start of a QUEUED row, then RUNNING; a failure marks the row FAILED and throws 502. */
  private async launch(opts: StartOptions, executionId: string, plan: RunPlan): Promise<void> {
    const { ctx } = this;
    const { workflow: wf } = opts;
    const client = this.temporal.ready();
    const twid = temporalWorkflowId(opts.callerTenantId, wf.name, executionId);
    const arg = workflowArgument(opts.start);
    try {
      if (!client) throw new Error(this.temporal.reason);
      const specId = runnerSpecId(wf, opts.callerTenantId, plan.lane);
      if (!opts.workflowType) {
        const token = specId === wf.id ? this.runtimeToken(ctx, wf.id) : curatedRuntimeToken(ctx, opts.callerTenantId, wf.id);
        writeRunnerSpec(ctx, wf, plan.shape, token, plan.timeoutSeconds, specId);
      }
      const durable = plan.shape === "durable" && !opts.workflowType;
      const handle = await client.workflow.start(opts.workflowType ?? wf.name, {
        taskQueue: durable ? durableTaskQueue(specId) : DIRECT_TASK_QUEUE,
        workflowId: twid,
        args: durable
          ? [arg]
          : [{ executionId, workflowId: wf.id, input: arg, dryRun: opts.dryRun, timeoutSeconds: plan.timeoutSeconds ?? 900 }],
        ...(plan.timeoutSeconds !== null ? { workflowExecutionTimeout: `${plan.timeoutSeconds}s` } : {}),
      });
      patchExecution(ctx.db, executionId, {
        status: "RUNNING",
        temporalWorkflowId: twid,
        temporalRunId: handle.firstExecutionRunId,
        startedAt: new Date().toISOString(),
      });
    } catch (err) {
      const message = `Failed to start workflow on Temporal: ${err instanceof Error ? err.message : String(err)}`;
      ctx.log("error", "executions: start failed", { executionId, workflow: wf.name, error: message });
      patchExecution(ctx.db, executionId, { status: "FAILED", errorMessage: message, finishedAt: new Date().toISOString() });
      const failed = getExecutionById(ctx.db, executionId);
      throw new ApiError(502, "TEMPORAL_START_FAILED", message, { data: failed ? toExecutionResponse(failed) : null });
    }
  }

  /** Request cancellation on Temporal; the row is returned unchanged (the reconciler moves it). */
  async cancel(row: ExecutionRow): Promise<ExecutionResponse> {
    if (row.status !== "QUEUED" && row.status !== "RUNNING") {
      throw new ApiError(409, "EXECUTION_NOT_CANCELLABLE", `Execution is already ${row.status} — nothing to cancel`);
    }
    if (!row.temporal_workflow_id) {
      throw new ApiError(409, "EXECUTION_NOT_CANCELLABLE", "Execution has not started on Temporal yet — nothing to cancel");
    }
    const client = this.temporal.ready();
    if (!client) throw new ApiError(502, "TEMPORAL_CANCEL_FAILED", `Failed to cancel on Temporal: ${this.temporal.reason}`);
    try {
      await client.workflow.getHandle(row.temporal_workflow_id, row.temporal_run_id ?? undefined).cancel();
    } catch (err) {
      throw new ApiError(
        502,
        "TEMPORAL_CANCEL_FAILED",
        `Failed to cancel on Temporal: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    this.ctx.db.prepare("UPDATE workflow_executions SET cancel_requested_at = ? WHERE id = ?").run(new Date().toISOString(), row.id);
    return toExecutionResponse(row);
  }

  /** The raw history of a row's run (null when it never started on Temporal). */
  async rawHistory(row: ExecutionRow): Promise<unknown> {
    if (!row.temporal_workflow_id) return null;
    const client = this.temporal.ready();
    if (!client) throw new ApiError(502, "TEMPORAL_HISTORY_UNAVAILABLE", `Temporal history unavailable: ${this.temporal.reason}`);
    try {
      return await client.workflow.getHandle(row.temporal_workflow_id, row.temporal_run_id ?? undefined).fetchHistory();
    } catch (err) {
      if (isNotFound(err)) throw new ApiError(404, "NOT_FOUND", "Execution history is no longer available");
      throw new ApiError(
        502,
        "TEMPORAL_HISTORY_UNAVAILABLE",
        `Temporal history unavailable: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** The flattened timeline (§5). */
  async history(row: ExecutionRow): Promise<WorkflowHistoryEvent[]> {
    const raw = await this.rawHistory(row);
    return raw === null ? [] : summarizeWorkflowHistory(raw);
  }

  /** Start the reconcile loop. */
  startReconciler(intervalMs = Number(process.env.SANDBOX_RECONCILE_MS) || 750): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.reconcileOnce();
      } catch (err) {
        this.ctx.log("warn", "executions: reconcile failed", { error: err instanceof Error ? err.message : String(err) });
      }
      if (!this.stopped) this.timer = setTimeout(() => void tick(), intervalMs);
    };
    this.timer = setTimeout(() => void tick(), intervalMs);
  }

  stopReconciler(): void {
    this.stopped = true;
    for (const t of this.pendingStarts) clearTimeout(t);
    this.pendingStarts.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One pass: move every open row that Temporal knows about towards its terminal state. */
  async reconcileOnce(): Promise<number> {
    if (this.reconciling) return 0;
    const client = this.temporal.ready();
    if (!client) return 0;
    this.reconciling = true;
    try {
      const rows = this.ctx.db
        .prepare("SELECT * FROM workflow_executions WHERE status IN ('QUEUED','RUNNING') AND temporal_workflow_id IS NOT NULL")
        .all() as ExecutionRow[];
      let moved = 0;
      // a few at a time: the dev server is shared by the whole sandbox
      for (let i = 0; i < rows.length; i += 8) {
        const batch = rows.slice(i, i + 8);
        const results = await Promise.all(batch.map((row) => this.reconcileRow(client, row)));
        moved += results.filter(Boolean).length;
      }
      return moved;
    } finally {
      this.reconciling = false;
    }
  }

  private async reconcileRow(client: Client, row: ExecutionRow): Promise<boolean> {
    if (!row.temporal_workflow_id) return false;
    const handle = client.workflow.getHandle(row.temporal_workflow_id, row.temporal_run_id ?? undefined);
    let desc;
    try {
      desc = await handle.describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        patchExecution(this.ctx.db, row.id, {
          status: "FAILED",
          errorMessage: "Workflow execution not found on Temporal",
          finishedAt: new Date().toISOString(),
        });
        return true;
      }
      throw err;
    }
    const startedAt = row.started_at ?? desc.startTime.toISOString();
    const finishedAt = desc.closeTime ? desc.closeTime.toISOString() : new Date().toISOString();
    const status = desc.status.name;
    if (holdForReconcileDelay(status, row.started_at, Date.now(), this.timing.reconcileDelayMs)) return false;
    const terminal = (s: ExecutionStatus, patch: { result?: unknown; errorMessage?: string | null }) => {
      patchExecution(this.ctx.db, row.id, { status: s, startedAt, finishedAt, temporalRunId: desc.runId, ...patch });
      return true;
    };
    switch (status) {
      case "RUNNING":
        if (row.status === "QUEUED" || !row.started_at || row.temporal_run_id !== desc.runId) {
          patchExecution(this.ctx.db, row.id, { status: "RUNNING", startedAt, temporalRunId: desc.runId });
          return true;
        }
        return false;
      case "COMPLETED": {
        const value: unknown = await handle.result();
        return terminal("COMPLETED", { result: value ?? null, errorMessage: null });
      }
      case "FAILED": {
        let message = "Workflow execution failed";
        try {
          await handle.result();
        } catch (err) {
          message = describeFailure(err);
        }
        return terminal("FAILED", { errorMessage: message });
      }
      case "TIMED_OUT": {
        const facts = manifestFacts(
          (this.ctx.db.prepare("SELECT manifest FROM workflows WHERE id = ?").get(row.workflow_id) as { manifest: string } | undefined)
            ?.manifest ?? "{}",
        );
        const limit = facts.timeoutSeconds ?? 900;
        return terminal("TIMED_OUT", { errorMessage: `Workflow execution timed out after ${limit}s` });
      }
      case "CANCELLED":
        return terminal("CANCELLED", { errorMessage: "Workflow execution was cancelled" });
      case "TERMINATED":
        return terminal("FAILED", { errorMessage: "Workflow execution was terminated" });
      default:
        return false;
    }
  }
}
