// Failure groups: every failed, timed-out or stuck run of a window, grouped by fingerprint, with
// its cause from the catalog. Pure functions plus one collector that walks the cross-workflow
// execution pages (lib/executions/merge.ts) under a row budget and says when the window was cut.
import { collectExecutionsPage, initialCursor, type ExecutionCursor, type UpstreamPageRequest } from "@/lib/executions/merge";
import type { Execution } from "@/lib/schemas/execution";
import { classifyFailure, type FailureCause, type MissingRequirement } from "./catalog";
import { failureCode, failureFingerprint, normalizeFailureMessage } from "./normalize";

/** Default workflow time limit (manifest timeoutSeconds absent, pegasus-api.md §4.2). */
export const DEFAULT_TIMEOUT_SECONDS = 900;
/**
 * Grace before an open run counts as stuck (§4.6): a cold runner start takes up to a minute and the
 * reconciler looks at RUNNING rows only after 5 minutes; 15 minutes is past both with room to spare.
 */
export const STUCK_GRACE_MS = 15 * 60 * 1000;
/** Sample runs kept per group (newest first). */
export const SAMPLE_SIZE = 5;

/** What the grouping needs to know about a workflow version. */
export interface WorkflowFacts {
  timeoutSeconds: number | null;
  /** Declared secret/config keys the tenant has not set. */
  missing: readonly MissingRequirement[];
}

/** FAILED, TIMED_OUT, STUCK (open past its bound), or null when the run is not a failure. */
export function failureStatus(
  e: Pick<Execution, "status" | "queuedAt" | "startedAt">,
  now: number,
  timeoutSeconds: number | null,
): "FAILED" | "TIMED_OUT" | "STUCK" | null {
  if (e.status === "FAILED" || e.status === "TIMED_OUT") return e.status;
  if (e.status !== "QUEUED" && e.status !== "RUNNING") return null;
  const since = Date.parse(e.startedAt ?? e.queuedAt);
  const bound = (e.status === "RUNNING" ? (timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000 : 0) + STUCK_GRACE_MS;
  return now - since > bound ? "STUCK" : null;
}

export interface FailureGroup {
  fingerprint: string;
  workflowName: string | null;
  /** Workflow id of the newest run (where samples and fixes point). */
  workflowId: string;
  code: string;
  status: "FAILED" | "TIMED_OUT" | "STUCK";
  /** The normalised message the group shares. */
  signature: string;
  /** The newest run's raw message. */
  message: string | null;
  versions: string[];
  count: number;
  firstSeen: string;
  lastSeen: string;
  sampleExecutionIds: string[];
  /** The same samples with where they live (versions of a workflow are separate workflow rows). */
  samples: Array<{ id: string; workflowId: string; version: string | null }>;
  /** Runs per UTC day (YYYY-MM-DD), oldest first, days without runs left out. */
  perDay: Array<{ day: string; count: number }>;
  cause: FailureCause;
}

/** Status, code, signature and fingerprint of one run, or null when the run is not a failure. */
export function runFingerprint(
  e: Execution,
  now: number,
  facts?: Pick<WorkflowFacts, "timeoutSeconds">,
): { status: "FAILED" | "TIMED_OUT" | "STUCK"; code: string; signature: string; fingerprint: string } | null {
  const status = failureStatus(e, now, facts?.timeoutSeconds ?? null);
  if (!status) return null;
  const code = failureCode({ status, message: e.errorMessage });
  const signature = normalizeFailureMessage(e.errorMessage);
  return { status, code, signature, fingerprint: failureFingerprint({ workflowName: e.workflowName, code, signature }) };
}

/** Group failures by fingerprint, newest activity first. `facts` is keyed by workflow id. */
export function groupFailures(
  executions: Iterable<Execution>,
  opts: { now: number; facts?: ReadonlyMap<string, WorkflowFacts> },
): FailureGroup[] {
  interface Acc {
    group: Omit<FailureGroup, "perDay" | "cause" | "versions"> & {
      versions: Set<string>;
      days: Map<string, number>;
      lastMs: number;
      firstMs: number;
    };
  }
  const byPrint = new Map<string, Acc>();
  for (const e of executions) {
    const facts = opts.facts?.get(e.workflowId);
    const print = runFingerprint(e, opts.now, facts);
    if (!print) continue;
    const { status, code, signature, fingerprint } = print;
    const at = e.finishedAt ?? e.startedAt ?? e.queuedAt;
    const ms = Date.parse(at);
    let acc = byPrint.get(fingerprint);
    if (!acc) {
      acc = {
        group: {
          fingerprint,
          workflowName: e.workflowName,
          workflowId: e.workflowId,
          code,
          status,
          signature,
          message: e.errorMessage,
          versions: new Set(),
          count: 0,
          firstSeen: at,
          lastSeen: at,
          sampleExecutionIds: [],
          samples: [],
          days: new Map(),
          lastMs: ms,
          firstMs: ms,
        },
      };
      byPrint.set(fingerprint, acc);
    }
    const g = acc.group;
    g.count++;
    if (e.workflowVersion) g.versions.add(e.workflowVersion);
    const day = new Date(ms).toISOString().slice(0, 10);
    g.days.set(day, (g.days.get(day) ?? 0) + 1);
    if (ms > g.lastMs) {
      g.lastMs = ms;
      g.lastSeen = at;
      g.workflowId = e.workflowId;
      g.message = e.errorMessage;
    }
    if (ms < g.firstMs) {
      g.firstMs = ms;
      g.firstSeen = at;
    }
    // Input comes newest first (the merged pages' order): the first ids are the newest.
    if (g.sampleExecutionIds.length < SAMPLE_SIZE) {
      g.sampleExecutionIds.push(e.id);
      g.samples.push({ id: e.id, workflowId: e.workflowId, version: e.workflowVersion });
    }
  }
  const groups: Array<FailureGroup & { lastMs: number }> = [];
  for (const { group: g } of byPrint.values()) {
    const facts = opts.facts?.get(g.workflowId);
    const { days, lastMs, firstMs: _first, versions, ...rest } = g;
    groups.push({
      ...rest,
      lastMs,
      versions: [...versions].sort(compareVersions),
      perDay: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, count]) => ({ day, count })),
      cause: classifyFailure({
        status: g.status,
        message: g.message,
        timeoutSeconds: facts?.timeoutSeconds ?? null,
        missing: facts?.missing ?? [],
      }),
    });
  }
  groups.sort((a, b) => b.lastMs - a.lastMs || b.count - a.count || (a.fingerprint < b.fingerprint ? -1 : 1));
  return groups.map(({ lastMs: _l, ...g }) => g);
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const pb = b.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** Largest number of runs one group computation reads (bounded work). */
export const MAX_SCANNED_RUNS = 20_000;

export interface FailureScan {
  groups: FailureGroup[];
  /** Runs read (all statuses) in the window. */
  scanned: number;
  /** False when the budget ran out before the start of the window: `oldestScanned` says how far back the groups go. */
  complete: boolean;
  oldestScanned: string | null;
  since: string;
  until: string | null;
}

/**
 * Read every run queued in `[since, until)` across `workflowIds` through the merged pages, newest
 * first, up to `maxRuns` rows, and group the failures. `fetchPage` is one upstream list call.
 */
export async function scanFailures(args: {
  workflowIds: readonly string[];
  since: string;
  until?: string;
  now: number;
  facts?: ReadonlyMap<string, WorkflowFacts>;
  maxRuns?: number;
  fetchPage: (request: UpstreamPageRequest) => Promise<readonly Execution[]>;
}): Promise<FailureScan> {
  const { rows, ...window } = await scanRuns(args);
  return { groups: groupFailures(rows, { now: args.now, facts: args.facts }), ...window };
}

/** The runs of the window (newest first, at most `maxRuns`), whether the window was covered, and how far back. */
export async function scanRuns(args: {
  workflowIds: readonly string[];
  since: string;
  until?: string;
  maxRuns?: number;
  fetchPage: (request: UpstreamPageRequest) => Promise<readonly Execution[]>;
}): Promise<Omit<FailureScan, "groups"> & { rows: Execution[] }> {
  const maxRuns = args.maxRuns ?? MAX_SCANNED_RUNS;
  const filters = { from: args.since, ...(args.until ? { to: args.until } : {}) };
  let cursor: ExecutionCursor | null = initialCursor(args.workflowIds, filters);
  const rows: Execution[] = [];
  while (cursor && rows.length < maxRuns) {
    const page = await collectExecutionsPage({
      cursor,
      limit: Math.min(1_000, maxRuns - rows.length),
      filters,
      maxRounds: 50,
      fetchPage: args.fetchPage,
    });
    rows.push(...page.items);
    if (page.items.length === 0 && page.cursor && JSON.stringify(page.cursor) === JSON.stringify(cursor)) break;
    cursor = page.cursor;
  }
  const last = rows[rows.length - 1];
  return {
    rows,
    scanned: rows.length,
    complete: cursor === null,
    oldestScanned: last ? last.queuedAt : null,
    since: args.since,
    until: args.until ?? null,
  };
}
