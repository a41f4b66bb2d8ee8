import type { Execution } from "@/lib/schemas/execution";
import { countOf } from "@/lib/text/count";
import { compareGroups } from "./groups";
import { keyId, type DeclaredKey, type KeyKind } from "./usage";

/** An entry the tenant has set: enough to know its identity. */
export interface StoredKey {
  kind: KeyKind;
  key: string;
  group: string;
}

/**
 * Declared variables the tenant has not set, key-centric: one row per `(kind, group, key)` however
 * many workflows and integrations declare it. `stored` (the lists the page already holds) overrides
 * a stale `present: false`, so an entry added a moment ago leaves the list before the summaries reload.
 */
export function listMissingKeys(index: Map<string, DeclaredKey>, stored: readonly StoredKey[] = []): DeclaredKey[] {
  const have = new Set(stored.map((s) => keyId(s.kind, s.group, s.key)));
  return [...index.entries()]
    .filter(([id, v]) => !v.present && !have.has(id))
    .map(([, v]) => v)
    .sort((a, b) => compareGroups(a.group, b.group) || a.key.localeCompare(b.key, "en") || a.kind.localeCompare(b.kind));
}

/** A recent run that failed with the key named in its error. */
export interface KeyFailure {
  executionId: string;
  workflowId: string;
  /** `name@version` of the run's workflow. */
  workflow: string;
  /** When it ended (or was queued, if the end is unknown). */
  at: string;
}

type FailedRunLike = Pick<
  Execution,
  "id" | "workflowId" | "workflowName" | "workflowVersion" | "status" | "errorMessage" | "finishedAt" | "queuedAt"
>;

function namesKey(text: string, key: string): boolean {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}([^A-Za-z0-9_]|$)`).test(text);
}

/**
 * Runs among `runs` that failed or timed out with `key` named in their error, newest first,
 * restricted to `workflowIds` (the key's declarers). What happened, never a prediction: the
 * manifest has no "optional" flag, so an unset key is only known to break a run when one broke.
 */
export function failuresOnKey(key: string, workflowIds: ReadonlySet<string>, runs: readonly FailedRunLike[]): KeyFailure[] {
  return runs
    .filter(
      (r) =>
        (r.status === "FAILED" || r.status === "TIMED_OUT") &&
        workflowIds.has(r.workflowId) &&
        r.errorMessage !== null &&
        namesKey(r.errorMessage, key),
    )
    .map((r) => ({
      executionId: r.id,
      workflowId: r.workflowId,
      workflow: `${r.workflowName ?? "(deleted workflow)"}@${r.workflowVersion ?? "?"}`,
      at: r.finishedAt ?? r.queuedAt,
    }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** "Declared by 2 workflows and 1 integration; not set." — what is known about an unset key. */
export function missingKeySummary(v: Pick<DeclaredKey, "consumers">): string {
  const wf = v.consumers.filter((c) => c.type === "workflow").length;
  const ig = v.consumers.filter((c) => c.type === "integration").length;
  const parts = [wf > 0 ? countOf(wf, "workflow") : null, ig > 0 ? countOf(ig, "integration") : null].filter(
    (p): p is string => p !== null,
  );
  return parts.length > 0 ? `Declared by ${parts.join(" and ")}; not set.` : "Not set.";
}

/** "Recent runs of a@1 failed on this key (2 runs, last …)" or null when none did. */
export function keyFailureNote(failures: readonly KeyFailure[]): string | null {
  const last = failures[0];
  if (!last) return null;
  const workflows = [...new Set(failures.map((f) => f.workflow))];
  return `${countOf(failures.length, "recent run")} of ${workflows.join(", ")} failed on this key.`;
}
