import "server-only";
import { runFingerprint, scanFailures, scanRuns, type FailureScan, type WorkflowFacts } from "@/lib/failures/groups";
import type { Execution } from "@/lib/schemas/execution";
import { isPegasusError } from "./errors";
import { listExecutions } from "./executions";
import type { PegasusClient } from "./transport";
import { getWorkflowRequirementsSummary, listWorkflows } from "./workflows";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Failure groups of the caller's runs queued in `[since, until)` (default: the last day), across
 * every visible workflow (retired ones too) or the given ones: the workflow list and requirements
 * summary give each version's time limit and unset keys; the runs come from the merged pages.
 */
export async function getFailureGroups(
  client: PegasusClient,
  opts: { since?: string; until?: string; workflowIds?: readonly string[]; maxRuns?: number },
): Promise<FailureScan & { computedMs: number }> {
  const started = performance.now();
  const now = Date.now();
  const { facts, ids } = await workflowFacts(client, opts.workflowIds);
  const scan = await scanFailures({
    workflowIds: ids,
    since: new Date(opts.since ? Date.parse(opts.since) : now - DAY_MS).toISOString(),
    until: opts.until ? new Date(opts.until).toISOString() : undefined,
    now,
    facts,
    maxRuns: opts.maxRuns,
    fetchPage: async (r) => (await listExecutions(client, r.workflowId, { limit: r.limit, before: r.before })).data,
  });
  return { ...scan, computedMs: Math.round(performance.now() - started) };
}

/**
 * Every run of one failure group in the window (same defaults and row budget as the groups), newest
 * first; `complete: false` when the budget ran out before the start of the window.
 */
export async function getFailureGroupRuns(
  client: PegasusClient,
  opts: { fingerprint: string; since?: string; until?: string; workflowIds?: readonly string[]; maxRuns?: number },
): Promise<{ runs: Execution[]; complete: boolean }> {
  const now = Date.now();
  const { facts, ids } = await workflowFacts(client, opts.workflowIds);
  const scan = await scanRuns({
    workflowIds: ids,
    since: new Date(opts.since ? Date.parse(opts.since) : now - DAY_MS).toISOString(),
    until: opts.until ? new Date(opts.until).toISOString() : undefined,
    maxRuns: opts.maxRuns,
    fetchPage: async (r) => (await listExecutions(client, r.workflowId, { limit: r.limit, before: r.before })).data,
  });
  const runs = scan.rows.filter((e) => runFingerprint(e, now, facts.get(e.workflowId))?.fingerprint === opts.fingerprint);
  return { runs, complete: scan.complete };
}

async function workflowFacts(
  client: PegasusClient,
  workflowIds: readonly string[] | undefined,
): Promise<{ facts: Map<string, WorkflowFacts>; ids: readonly string[] }> {
  const [workflows, requirements] = await Promise.all([
    listWorkflows(client, { includeRetired: true }),
    getWorkflowRequirementsSummary(client).catch((error: unknown) => {
      // Without the summary the catalog still works, it just cannot name an undeclared key.
      if (isPegasusError(error) && error.status === 403) return null;
      throw error;
    }),
  ]);
  const facts = new Map<string, WorkflowFacts>();
  for (const w of workflows) facts.set(w.id, { timeoutSeconds: w.manifest.timeoutSeconds ?? null, missing: [] });
  for (const r of requirements?.workflows ?? []) {
    const f = facts.get(r.workflowId);
    const missing = r.requirements.filter((q) => !q.present).map(({ kind, key, group }) => ({ kind, key, group }));
    facts.set(r.workflowId, { timeoutSeconds: f?.timeoutSeconds ?? null, missing });
  }
  const ids = workflowIds?.length ? workflowIds : workflows.map((w) => w.id);
  return { facts, ids };
}
