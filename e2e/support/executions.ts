import type { Browser, Page } from "@playwright/test";
import { storageStatePath, type SignedInUser } from "./roles";

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
export async function bff<T>(
  page: Page,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; data: T; code?: string }> {
  return page.evaluate(
    async ([p, method, body, headers]) => {
      const res = await fetch(p, {
        method,
        headers: { "content-type": "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
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

/** Starts a live run of the named workflow, waiting out the tenant lane's 5-open-runs limit (429) for up to 90 s. */
export async function startRun(page: Page, name: string, input: Record<string, unknown>): Promise<Exec> {
  const id = await workflowId(page, name);
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await bff<Exec>(page, `/api/workflows/${id}/run`, { method: "POST", body: { input, mode: "live" } });
    if (res.status === 201) return res.data;
    if (res.status !== 429 || Date.now() > deadline) throw new Error(`run ${name} answered ${res.status}`);
    await page.waitForTimeout(3_000);
  }
}

/** Runs `fn` in a fresh context signed in as `user`, on /executions (so BFF calls are same-origin). */
export async function asUser<T>(browser: Browser, user: SignedInUser, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ storageState: storageStatePath(user) });
  try {
    const page = await context.newPage();
    await page.goto("/executions");
    return await fn(page);
  } finally {
    await context.close();
  }
}
