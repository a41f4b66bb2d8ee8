import { mutationOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import {
  accountabilitySchema,
  defaultSavedViewResultSchema,
  PEOPLE_QUERY_MAX,
  peopleSchema,
  savedViewSchema,
  savedViewsSchema,
  tenantSchema,
  type CreateSavedView,
  type Person,
} from "@/lib/people/schemas";
import { bffFetch } from "./fetcher";

export const peopleKeys = {
  all: ["people"] as const,
  person: (id: string) => [...peopleKeys.all, "person", id] as const,
  tenant: () => [...peopleKeys.all, "tenant"] as const,
  savedViews: () => [...peopleKeys.all, "saved-views"] as const,
  accountability: (workflowId: string, executionId: string) => [...peopleKeys.all, "accountability", workflowId, executionId] as const,
};

// Every <Person> on a page asks for one id; the asks of one moment go out as one request
// (`GET /api/people?ids=…`, up to PEOPLE_QUERY_MAX ids each) instead of one request per row.
type Waiter = { resolve: (p: Person) => void; reject: (e: unknown) => void };
let batch: Map<string, Waiter[]> | null = null;

async function flush(): Promise<void> {
  const current = batch;
  batch = null;
  if (!current) return;
  const ids = [...current.keys()];
  for (let i = 0; i < ids.length; i += PEOPLE_QUERY_MAX) {
    const chunk = ids.slice(i, i + PEOPLE_QUERY_MAX);
    try {
      const { items } = await bffFetch(`/api/people?ids=${chunk.map(encodeURIComponent).join(",")}`, peopleSchema);
      const byId = new Map(items.map((p) => [p.id, p]));
      for (const id of chunk) for (const w of current.get(id) ?? []) w.resolve(byId.get(id) ?? { id, name: null, email: null, you: false });
    } catch (error) {
      for (const id of chunk) for (const w of current.get(id) ?? []) w.reject(error);
    }
  }
}

/** One person by sub or API user id, batched with the other asks of the same moment. */
export function loadPerson(id: string): Promise<Person> {
  return new Promise((resolve, reject) => {
    if (!batch) {
      batch = new Map();
      setTimeout(() => void flush(), 10);
    }
    batch.set(id, [...(batch.get(id) ?? []), { resolve, reject }]);
  });
}

/** A person's name ("you" is decided by the BFF); names change rarely, so kept for minutes. */
export function personQuery(id: string) {
  return queryOptions({ queryKey: peopleKeys.person(id), queryFn: () => loadPerson(id), staleTime: 5 * 60_000 });
}

/** The tenant and its display name. */
export function tenantQuery() {
  return queryOptions({ queryKey: peopleKeys.tenant(), queryFn: () => bffFetch("/api/tenant", tenantSchema) });
}

/** PUT /api/tenant: name the tenant (tenant admins), or null to go back to the short id. */
export function setTenantNameMutation() {
  return mutationOptions({
    mutationKey: [...peopleKeys.tenant(), "set"],
    onSuccess: (data, _v, _r, { client }) => client.setQueryData(peopleKeys.tenant(), data),
    mutationFn: (displayName: string | null) =>
      bffFetch("/api/tenant", tenantSchema, { method: "PUT", body: JSON.stringify({ displayName }) }),
  });
}

/** The caller's saved executions views and the tenant's shared ones. */
export function savedViewsQuery() {
  return queryOptions({ queryKey: peopleKeys.savedViews(), queryFn: () => bffFetch("/api/saved-views", savedViewsSchema) });
}

/** Any change to saved views (or a default) reads the list again. */
function refreshSavedViews(_d: unknown, _e: Error | null, _v: unknown, _r: unknown, { client }: { client: QueryClient }) {
  return client.invalidateQueries({ queryKey: peopleKeys.savedViews() });
}

export function createSavedViewMutation() {
  return mutationOptions({
    mutationKey: [...peopleKeys.savedViews(), "create"],
    onSettled: refreshSavedViews,
    mutationFn: (input: CreateSavedView) => bffFetch("/api/saved-views", savedViewSchema, { method: "POST", body: JSON.stringify(input) }),
  });
}

export function deleteSavedViewMutation() {
  return mutationOptions({
    mutationKey: [...peopleKeys.savedViews(), "delete"],
    onSettled: refreshSavedViews,
    mutationFn: (viewId: string) => bffFetch(`/api/saved-views/${encodeURIComponent(viewId)}`, savedViewSchema, { method: "DELETE" }),
  });
}

export function setDefaultSavedViewMutation() {
  return mutationOptions({
    mutationKey: [...peopleKeys.savedViews(), "default"],
    onSettled: refreshSavedViews,
    mutationFn: (viewId: string | null) =>
      bffFetch("/api/saved-views/default", defaultSavedViewResultSchema, { method: "PUT", body: JSON.stringify({ viewId }) }),
  });
}

/** Lineage links and who cancelled one execution (polls with the execution while it is open). */
export function accountabilityQuery(workflowId: string, executionId: string, live = false) {
  return queryOptions({
    queryKey: peopleKeys.accountability(workflowId, executionId),
    queryFn: () =>
      bffFetch(
        `/api/workflows/${encodeURIComponent(workflowId)}/executions/${encodeURIComponent(executionId)}/accountability`,
        accountabilitySchema,
      ),
    refetchInterval: live ? 5000 : false,
  });
}

export type { Person };
