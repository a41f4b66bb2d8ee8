/**
 * Demo executions of every outcome, run for real through the sandbox's own API (and, for the
 * schedule tick, its scheduler): completed, failed in an activity, timed out, cancelled, still
 * running (a long timer, so it can be cancelled from the console), a dry run, event- and
 * schedule-triggered runs, in both shapes (direct tenant lane, durable curated workflow).
 * Called by `seed/demo.ts` once the demo workflows exist.
 */
import type { ExecutionsRuntime } from "../temporal/runtime";

export interface SeedExecutionsOptions {
  apiUrl: string;
  stateDir: string;
  keys: { demo: { key: string; tenantId: string } };
  /** `name@version` → workflow id (forks under `name@version#fork`). */
  workflows: Record<string, string>;
  executions: ExecutionsRuntime | null;
}

interface Execution {
  id: string;
  status: string;
  errorMessage: string | null;
}

const TERMINAL = new Set(["COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED"]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seed the demo executions; logs one line per outcome, never throws for a single missing workflow. */
export async function seedExecutions(opts: SeedExecutionsOptions): Promise<void> {
  const started = Date.now();
  const say = (line: string) => console.log(`[executions seed ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
  const headers = { authorization: `Bearer ${opts.keys.demo.key}`, "content-type": "application/json" };

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${opts.apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (JSON.parse(text) as { data: T }).data;
  }

  const wf = (key: string): string | null => {
    const id = opts.workflows[key];
    if (!id) say(`skipped ${key}: not published`);
    return id ?? null;
  };

  async function run(
    key: string,
    input: Record<string, unknown>,
    mode: "live" | "dry_run" = "live",
  ): Promise<{ wfId: string; exec: Execution } | null> {
    const wfId = wf(key);
    if (!wfId) return null;
    const exec = await call<Execution>("POST", `/workflows/${wfId}/run`, { input, mode });
    return { wfId, exec };
  }

  async function settle(wfId: string, execId: string, until: (e: Execution) => boolean, timeoutMs = 30_000): Promise<Execution> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const e = await call<Execution>("GET", `/workflows/${wfId}/executions/${execId}`);
      if (until(e) || Date.now() > deadline) return e;
      await sleep(250);
    }
  }

  const done = (e: Execution) => TERMINAL.has(e.status);
  const report = (label: string, e: Execution) => say(`${label}: ${e.status}${e.errorMessage ? ` (${e.errorMessage})` : ""}`);

  // Quick runs in parallel (the tenant lane allows 5 at once).
  const quick = await Promise.all([
    run("delivery-eta-notice@0.1.0", { moveId: "M-2003", customerPhone: "+15550100006", milesRemaining: 240 }),
    run("damage-claim-intake@0.1.0", { claimId: "C-4001", moveId: "M-2003", claimedCents: 2_500_000, customerPhone: "+15550100004" }),
    run("order-saved-sms@0.2.0", { orderId: "O-3002", revision: 2, customerPhone: "+15550100002" }, "dry_run"),
    run("move-status-digest@1.0.0", {
      moves: [
        { moveId: "M-1", status: "BOOKED" },
        { moveId: "M-2", status: "LOADED" },
        { moveId: "M-3", status: "BOOKED" },
      ],
    }),
  ]);
  const labels = ["completed (direct)", "failed in an activity", "dry run", "completed (durable, curated)"];
  for (const [i, r] of quick.entries()) {
    if (r) report(`${labels[i] ?? "run"}`, await settle(r.wfId, r.exec.id, done));
  }

  // Event-triggered runs: a quote is accepted, a move is loaded (sandbox-only built-in event route).
  for (const [eventType, payload] of [
    ["quote.accepted", { quoteId: "Q-1003", moveId: "M-2003", totalCents: 480_000, customerPhone: "+15550100001" }],
    ["move.status_changed", { moveId: "M-2003", status: "LOADED", customerPhone: "+15550100007" }],
  ] as const) {
    const ev = await call<{ executionIds: string[] }>("POST", "/_sandbox/domain-events", { eventType, payload });
    say(`${eventType} started ${ev.executionIds.length} run(s)`);
  }

  // Schedule-triggered run: fire the nightly billing trigger for the current minute.
  const runtime = opts.executions;
  const billing = opts.workflows["nightly-billing-followup@0.1.0"];
  if (runtime && billing) {
    const triggers = await call<Array<{ id: string; kind: string }>>("GET", `/workflows/${billing}/triggers`);
    const schedule = triggers.find((t) => t.kind === "SCHEDULE");
    if (schedule) {
      const id = await runtime.triggers.fireScheduleNow(schedule.id);
      if (id) report("schedule tick", await settle(billing, id, done));
    }
  }

  // A long run that is then cancelled, and one left running (timers: minutes long).
  const cancelled = await run("crew-dispatch@0.1.0", { moveId: "M-2003", customerPhone: "+15550100003", waitMinutes: 5 });
  if (cancelled) {
    await settle(cancelled.wfId, cancelled.exec.id, (e) => e.status === "RUNNING" || done(e));
    await sleep(1_500); // let the run reach its timer so the history shows it
    await call("POST", `/workflows/${cancelled.wfId}/executions/${cancelled.exec.id}/cancel`);
    report("cancelled", await settle(cancelled.wfId, cancelled.exec.id, done));
  }
  const running = await run("crew-dispatch@0.1.0", { moveId: "M-2011", customerPhone: "+15550100011", waitMinutes: 20 });
  if (running) say(`left running (cancellable): ${running.exec.id}`);

  // Times out on its own after the manifest's 30 s; not awaited.
  const slow = await run("virtual-survey-followup@0.1.0", { surveyId: "S-5001", rooms: 4, customerPhone: "+15550100005" });
  if (slow) say("started a run that will time out (timeoutSeconds 30)");
}
