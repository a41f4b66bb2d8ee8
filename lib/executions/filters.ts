// Filters of the cross-workflow executions list. The upstream has no filters (pegasus-api.md
// §4.4), so they are applied to the merged pages; they live in the URL so views can be shared.
import { z } from "zod";
import { executionStatusSchema, OPEN_STATUSES, triggerSourceSchema, type Execution, type ExecutionStatus } from "@/lib/schemas/execution";

const isoInstant = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO date-time, e.g. 2026-06-30T14:00:00Z")
  .transform((s) => new Date(s).toISOString());

/**
 * A workflow picked by name, every version of it: `tenant:<name>` (the tenant's own rows, forks
 * included) or `platform:<name>` (the platform library's GLOBAL rows). The owner is part of the key
 * because a fork and its platform original share a name.
 */
export const WORKFLOW_NAME_REF = /^(tenant|platform):([a-z0-9][a-z0-9_-]{0,63})$/;
/** At most this many names in one filter (each resolves to all its versions on the BFF). */
export const MAX_FILTER_NAMES = 20;
const workflowNameRefSchema = z.string().regex(WORKFLOW_NAME_REF, "each workflow name must be tenant:<name> or platform:<name>");

/** Filters in their parsed form. `from` is inclusive and `to` exclusive, both on queuedAt. */
export const executionFiltersSchema = z
  .object({
    status: z.array(executionStatusSchema).default([]),
    workflowIds: z.array(z.string().min(1)).default([]),
    /** Workflows by name (all versions): `tenant:<name>` or `platform:<name>`; combined with `workflowIds` as "any of". */
    workflowNames: z.array(workflowNameRefSchema).max(MAX_FILTER_NAMES, `at most ${MAX_FILTER_NAMES} workflow names`).optional(),
    triggerSource: z.array(triggerSourceSchema).default([]),
    /** true: dry runs only; false: live runs only; absent: both. */
    dryRun: z.boolean().optional(),
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    /** Search text: an execution id, a Temporal workflow id, or a value anywhere in the input. */
    q: z.string().trim().min(1, "search text must not be empty").max(200, "search text must be at most 200 characters").optional(),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: "from must be before to", path: ["to"] });
export type ExecutionFilters = z.infer<typeof executionFiltersSchema>;

const splitList = (s: string | undefined): string[] =>
  s
    ? s
        .split(",")
        .map((x) => x.trim())
        .filter((x) => x !== "")
    : [];

/** The URL form, before the checks of `executionFiltersSchema`: `?status=FAILED,TIMED_OUT&workflow=id1,id2&name=tenant:x&source=EVENT&dryRun=true&from=…&to=…`. */
export const executionFiltersQuerySchema = z
  .object({
    status: z.string().optional().transform(splitList).pipe(z.array(executionStatusSchema)),
    workflow: z
      .string()
      .optional()
      .transform(splitList)
      .pipe(z.array(z.string().min(1))),
    name: z.string().optional().transform(splitList),
    source: z.string().optional().transform(splitList).pipe(z.array(triggerSourceSchema)),
    dryRun: z.enum(["true", "false"]).optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    q: z.string().optional(),
  })
  .transform((q) => ({
    status: q.status,
    workflowIds: q.workflow,
    workflowNames: q.name.length ? q.name : undefined,
    triggerSource: q.source,
    dryRun: q.dryRun === undefined ? undefined : q.dryRun === "true",
    from: q.from,
    to: q.to,
    q: q.q,
  }));

/** Every URL parameter the filters use. */
export const EXECUTION_FILTER_PARAMS = ["status", "workflow", "name", "source", "dryRun", "from", "to", "q"] as const;

/** Parse filters from URL search params; the error names the bad parameter. */
export function parseExecutionFilters(params: URLSearchParams): { ok: true; filters: ExecutionFilters } | { ok: false; message: string } {
  const raw: Record<string, string> = {};
  for (const key of EXECUTION_FILTER_PARAMS) {
    const value = params.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  const query = executionFiltersQuerySchema.safeParse(raw);
  const result = query.success ? executionFiltersSchema.safeParse(query.data) : query;
  if (result.success) return { ok: true, filters: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "filters";
  return { ok: false, message: `${where}: ${issue?.message ?? "invalid"}` };
}

/** Filters as URL search params (empty filters are left out, values in a stable order). */
export function executionFiltersToSearchParams(filters: Partial<ExecutionFilters>): URLSearchParams {
  const p = new URLSearchParams();
  const sorted = (xs: readonly string[] | undefined) => [...new Set(xs ?? [])].sort();
  if (filters.status?.length) p.set("status", sorted(filters.status).join(","));
  if (filters.workflowIds?.length) p.set("workflow", sorted(filters.workflowIds).join(","));
  if (filters.workflowNames?.length) p.set("name", sorted(filters.workflowNames).join(","));
  if (filters.triggerSource?.length) p.set("source", sorted(filters.triggerSource).join(","));
  if (filters.dryRun !== undefined) p.set("dryRun", String(filters.dryRun));
  if (filters.from) p.set("from", filters.from);
  if (filters.to) p.set("to", filters.to);
  if (filters.q) p.set("q", filters.q);
  return p;
}

/** A stable string identifying a filter set (binds a paging cursor to the filters it was made for). */
export function filterKey(filters: Partial<ExecutionFilters>): string {
  return executionFiltersToSearchParams(filters).toString();
}

/** The name reference (`tenant:<name>` / `platform:<name>`) of a workflow row. */
export function workflowNameRef(w: { name: string; visibility: "GLOBAL" | "TENANT" }): string {
  return `${w.visibility === "GLOBAL" ? "platform" : "tenant"}:${w.name}`;
}

/**
 * The workflow ids a filter selects among the caller's visible workflows (retired ones included):
 * the ids given, plus every version of each name given. Null when the filter selects no workflow
 * (every visible workflow is in play). Ids outside the list are kept: the upstream answers for them.
 */
export function selectWorkflowIds(
  filters: Pick<Partial<ExecutionFilters>, "workflowIds" | "workflowNames">,
  visible: readonly { id: string; name: string; visibility: "GLOBAL" | "TENANT" }[],
): string[] | null {
  const ids = filters.workflowIds ?? [];
  const names = new Set(filters.workflowNames ?? []);
  if (ids.length === 0 && names.size === 0) return null;
  const byName = visible.filter((w) => names.has(workflowNameRef(w))).map((w) => w.id);
  return [...new Set([...ids, ...byName])].sort();
}

/**
 * Whether one execution passes the filters. The workflow part (ids and names) is applied by
 * choosing which workflows' lists are read (`selectWorkflowIds`), since an execution row does not
 * say whose copy of a name it ran; `workflowIds` alone is also checked here.
 */
export function matchesExecutionFilters(e: Execution, f: Partial<ExecutionFilters>): boolean {
  if (f.status?.length && !f.status.includes(e.status)) return false;
  if (f.workflowIds?.length && !f.workflowNames?.length && !f.workflowIds.includes(e.workflowId)) return false;
  if (f.triggerSource?.length && !f.triggerSource.includes(e.triggerSource)) return false;
  if (f.dryRun !== undefined && e.dryRun !== f.dryRun) return false;
  const queued = Date.parse(e.queuedAt);
  if (f.from && !(queued >= Date.parse(f.from))) return false;
  if (f.to && !(queued < Date.parse(f.to))) return false;
  if (f.q && !matchesExecutionSearch(e, f.q)) return false;
  return true;
}

/** Largest input walked by a search (values beyond it are not searched; inputs are rarely this big). */
const SEARCH_MAX_VALUES = 2_000;

/**
 * Whether a run is the one a customer quotes: its execution id or Temporal workflow id (whole, or
 * a part of at least 8 characters), or a value anywhere in its input (a moveId, a quote id):
 * strings containing the text, numbers and booleans equal to it. Case-insensitive.
 */
export function matchesExecutionSearch(e: Pick<Execution, "id" | "temporalWorkflowId" | "input">, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (needle === "") return true;
  const id = e.id.toLowerCase();
  const twid = (e.temporalWorkflowId ?? "").toLowerCase();
  if (id === needle || twid === needle) return true;
  if (needle.length >= 8 && (id.includes(needle) || twid.includes(needle))) return true;
  let seen = 0;
  const stack: unknown[] = [e.input];
  while (stack.length > 0 && seen < SEARCH_MAX_VALUES) {
    const v = stack.pop();
    seen++;
    if (typeof v === "string") {
      if (v.toLowerCase().includes(needle)) return true;
    } else if (typeof v === "number" || typeof v === "boolean") {
      if (String(v).toLowerCase() === needle) return true;
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (v !== null && typeof v === "object") {
      for (const x of Object.values(v)) stack.push(x);
    }
  }
  return false;
}

/** QUEUED or RUNNING: the run may still change (poll it; it can be cancelled). */
export function isOpen(status: ExecutionStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
