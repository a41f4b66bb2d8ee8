import type { Page } from "@playwright/test";

/** The fields of an execution the journeys read. */
export interface Exec {
  id: string;
  workflowId: string;
  status: string;
}

/** The fields of a flattened history event the journeys read. */
export interface HistoryEvent {
  id: string;
  type: string;
  timestamp: string | null;
  activityType?: string;
  attempt?: number;
  failure?: string;
}

/** Calls a BFF route from inside the page (same origin, the user's session). */
export async function bff<T>(page: Page, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; data: T; code?: string }> {
  return page.evaluate(
    async ([p, method, body, headers]) => {
      const res = await fetch(p, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
      const json = (await res.json()) as { data: unknown; error?: { code: string } };
      return { status: res.status, data: json.data as never, code: json.error?.code };
    },
    [path, init.method ?? "GET", init.body, init.headers ?? {}] as const,
  );
}

/** Id of the tenant's own version of a workflow (else the platform one), by name. */
export async function workflowId(page: Page, name: string): Promise<string> {
  const { data } = await bff<Array<{ id: string; name: string; visibility: string }>>(page, "/api/workflows");
  const wf = data.find((w) => w.name === name && w.visibility === "TENANT") ?? data.find((w) => w.name === name);
  if (!wf) throw new Error(`workflow ${name} not found`);
  return wf.id;
}

/**
 * Specs that drive real executions call this: without real Temporal (E2E_TEMPORAL=1, which
 * `npm test` sets) they fail with the reason instead of skipping quietly.
 */
export function requireRealRuns(): void {
  if (process.env.E2E_TEMPORAL !== "1") throw new Error("this spec needs real executions: run it with E2E_TEMPORAL=1 (npm test sets it)");
}
