// Issue #13: a dry run of delivery-eta-notice with a ~600 KB input made its history unloadable
// (502 TEMPORAL_HISTORY_UNAVAILABLE, "Received message larger than max (4802566 vs 4194304)",
// after ~39 s of client retries). With the sandbox's gRPC receive limit raised, the history is
// served through the API path, well within the console's history budget.
import { describe, expect, inject, it } from "vitest";
import { apiClient, TERMINAL, waitFor, type Execution } from "../runner/exec-helpers";

const api = apiClient(inject("apiUrl"), inject("seedKeys").demo.key);

describe("large-input dry run (issue #13)", () => {
  it("serves the history of a 600 KB-input dry run through the API", async () => {
    const list = await api<Array<{ id: string; name: string; version: string }>>("GET", "/workflows");
    const wf = list.body.data?.find((w) => w.name === "delivery-eta-notice" && w.version === "0.1.0");
    if (!wf) throw new Error("delivery-eta-notice@0.1.0 is not seeded");
    const note = "n".repeat(600 * 1024);
    const input = { moveId: "M-LARGE", customerPhone: "+15550100006", milesRemaining: 240, note };
    const started = await api<Execution>("POST", `/workflows/${wf.id}/run`, { input, mode: "dry_run" });
    expect(started.status).toBe(201);
    const id = started.body.data?.id ?? "";
    const done = await waitFor(
      "dry run settles",
      async () => {
        const r = await api<Execution>("GET", `/workflows/${wf.id}/executions/${id}`);
        return r.body.data && TERMINAL.includes(r.body.data.status) ? r.body.data : undefined;
      },
      90_000,
    );
    expect(done.status).toBe("COMPLETED");

    const t0 = Date.now();
    const history = await api<{ events: Array<{ type: string }> }>("GET", `/workflows/${wf.id}/executions/${id}/history`);
    const ms = Date.now() - t0;
    expect(history.status, JSON.stringify(history.body).slice(0, 300)).toBe(200);
    const types = (history.body.data?.events ?? []).map((e) => e.type);
    expect(types[0]).toBe("WorkflowExecutionStarted");
    expect(types).toContain("WorkflowExecutionCompleted");
    // well inside the console's default call budget (10 s), not the ~39 s of retries before the fix
    expect(ms).toBeLessThan(10_000);
  }, 150_000);
});
