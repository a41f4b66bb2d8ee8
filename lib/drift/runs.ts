// What the drift check could learn from recent runs. Tenant-lane runs in direct mode (contract
// §4.2) show one platform activity, `run_tenant_entry_point`, and none of the workflow's own steps,
// so such a run says nothing about the diagram: it is "not comparable", never a comparison.
import { DIRECT_MODE_ACTIVITY } from "./drift";

/** The activity types of one run's history, as read for the drift check. */
export interface RunActivities {
  types: readonly string[];
}

export interface RunComparison {
  /** Activity types to compare with the diagram (direct-mode proxy left out). */
  types: string[];
  /** Histories read in all. */
  read: number;
  /** Runs whose history shows the workflow's own steps. */
  comparable: number;
  /** Runs in direct mode (only the proxy activity, or no activity at all). */
  notComparable: number;
}

/** Sort recent runs into comparable (their own steps are in the history) and not comparable. */
export function compareWithRuns(runs: readonly RunActivities[]): RunComparison {
  const types = new Set<string>();
  let comparable = 0;
  for (const run of runs) {
    const own = run.types.filter((t) => t !== DIRECT_MODE_ACTIVITY);
    if (own.length === 0) continue;
    comparable += 1;
    for (const t of own) types.add(t);
  }
  return { types: [...types].sort(), read: runs.length, comparable, notComparable: runs.length - comparable };
}

function runs(n: number): string {
  return n === 1 ? "1 run" : `${n} runs`;
}

/** One sentence on what recent runs added to the drift check. */
export function runComparisonNote(state: {
  pending: boolean;
  failed: boolean;
  comparison: RunComparison;
  diagramReadable: boolean;
}): string {
  const { pending, failed, comparison: c, diagramReadable } = state;
  if (!diagramReadable)
    return "Not comparable: the diagram could not be read, so neither the manifest nor recent runs were compared with it.";
  if (pending) return "Reading the histories of recent runs…";
  if (failed) return "Recent runs could not be read, so only the diagram and the manifest were compared.";
  if (c.read === 0) return "No recent runs to compare with yet: only the diagram and the manifest were compared.";
  const direct = `${c.notComparable === 1 ? "1 recent run" : `${c.notComparable} recent runs`} ran in direct mode, where the history shows only the platform's ${DIRECT_MODE_ACTIVITY} step and not the workflow's own steps`;
  if (c.comparable === 0) return `Recent runs are not comparable: ${direct}. Only the diagram and the manifest were compared.`;
  const compared = `Also compared with the steps of the last ${runs(c.comparable)}: ${c.types.join(", ")}.`;
  return c.notComparable > 0 ? `${compared} Not comparable: ${direct}.` : compared;
}
