import { z } from "zod";
import { bffRoute, BffRequestError } from "@/lib/api";
import {
  collectExecutionsPage,
  decodeCursor,
  encodeCursor,
  initialCursor,
  parseExecutionFilters,
  selectWorkflowIds,
} from "@/lib/executions";
import { listExecutions } from "@/lib/pegasus/executions";
import { listWorkflows } from "@/lib/pegasus/workflows";
import { executionListPageSchema, MAX_LIST_LIMIT } from "@/lib/schemas/execution";

// Filter parameters are checked by parseExecutionFilters (lib/executions) so the message names the parameter.
const querySchema = z
  .object({
    cursor: z.string().max(20_000).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(50),
    status: z.string().optional(),
    workflow: z.string().optional(),
    name: z.string().max(2_000).optional(),
    source: z.string().optional(),
    dryRun: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    q: z.string().optional(),
  })
  .strict();

// GET /api/executions — executions across workflows (or ?workflow=id,… and/or ?name=tenant:x,platform:y for every version of a name), newest first, filtered (?q= searches ids and input values), paged by an opaque cursor
export const GET = bffRoute({ query: querySchema, output: executionListPageSchema }, async ({ pegasus, query, request }) => {
  const parsed = parseExecutionFilters(new URL(request.url).searchParams);
  if (!parsed.ok) throw new BffRequestError(400, "VALIDATION_ERROR", `Invalid query: ${parsed.message}`);
  const filters = parsed.filters;
  const badId = filters.workflowIds.find((id) => !z.uuid().safeParse(id).success);
  if (badId !== undefined) throw new BffRequestError(400, "VALIDATION_ERROR", "Invalid query: workflow: every workflow id must be a UUID");
  let cursor;
  if (query.cursor) {
    cursor = decodeCursor(query.cursor, filters);
    if (!cursor)
      throw new BffRequestError(
        400,
        "VALIDATION_ERROR",
        "Invalid query: cursor: not a cursor of this list (filters changed?); start again from the first page",
      );
  } else {
    // Retired workflows keep readable executions (contract §3.2), so they are part of the set. Names
    // resolve against the caller's own catalog (own rows plus GLOBAL), so they stay tenant-scoped.
    const onlyIds = filters.workflowIds.length > 0 && !filters.workflowNames?.length;
    const visible = onlyIds ? [] : await listWorkflows(pegasus, { includeRetired: true });
    const workflowIds = selectWorkflowIds(filters, visible) ?? visible.map((w) => w.id);
    cursor = initialCursor(workflowIds, filters);
  }
  const page = await collectExecutionsPage({
    cursor,
    limit: query.limit,
    filters,
    fetchPage: async (r) => (await listExecutions(pegasus, r.workflowId, { limit: r.limit, before: r.before })).data,
  });
  return { items: page.items, nextCursor: page.cursor ? encodeCursor(page.cursor) : null, scanned: page.scanned };
});
