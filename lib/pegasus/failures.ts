import "server-only";
import { scanFailures, type FailureScan, type WorkflowFacts } from "@/lib/failures/groups";
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
  const ids = opts.workflowIds?.length ? opts.workflowIds : workflows.map((w) => w.id);
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
