// Issue #15: the console's poll of an open run reads only what comes after the last event it
// holds. Through the read seam (lib/temporal/reads) on a real run: a follow-mode read ends at the
// run's last event with a token (not null); a read with that token returns only the events added
// since (a cancel request here), and once the run has closed the token is null.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Connection } from "@temporalio/client";
import type { TemporalReader } from "@/lib/temporal/client";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { apiClient, waitFor, type Execution } from "../../sandbox/tests/runner/exec-helpers";

vi.mock("server-only", () => ({}));

const { readRawHistory } = await import("@/lib/temporal/reads");

const api = apiClient(inject("apiUrl"), inject("seedKeys").demo.key);
let connection: Connection;
let reader: TemporalReader;

beforeAll(async () => {
  const info = JSON.parse(readFileSync(path.join(inject("stateDir"), "temporal.json"), "utf8")) as { address: string; namespace: string };
  connection = await Connection.connect({ address: info.address });
  reader = {
    service: connection.workflowService,
    namespace: info.namespace,
    withDeadline: (deadline, fn) => connection.withDeadline(deadline, fn),
  };
});

afterAll(async () => {
  await connection?.close();
});

const ids = (events: Record<string, unknown>[]) => events.map((e) => Number(e.eventId));

describe("follow mode: an open run's history read on from its last event", () => {
  it("ends at the last event with a token, then returns only the new events, then a null token once closed", async () => {
    const list = await api<Array<{ id: string; name: string; visibility: string }>>("GET", "/workflows");
    const crew = list.body.data?.find((w) => w.name === "crew-dispatch" && w.visibility === "TENANT");
    if (!crew) throw new Error("crew-dispatch is not in the demo tenant");
    const started = await api<Execution>("POST", `/workflows/${crew.id}/run`, {
      input: { moveId: "M-FOLLOW", customerPhone: "+15550100042", waitMinutes: 5 },
    });
    expect(started.status).toBe(201);
    const e = await waitFor(
      "the run starts on Temporal",
      async () => {
        const r = await api<Execution>("GET", `/workflows/${crew.id}/executions/${started.body.data?.id}`);
        return r.body.data?.temporalWorkflowId ? r.body.data : undefined;
      },
      60_000,
    );
    const run = { workflowId: e.temporalWorkflowId ?? "", runId: e.temporalRunId ?? undefined };
    // wait until the step is scheduled (the history has settled for now)
    const first = await waitFor(
      "the step scheduled",
      async () => {
        const p = await readRawHistory(reader, run, null, 1000, { follow: true });
        return p.events.some((x) => x.eventType === "EVENT_TYPE_ACTIVITY_TASK_SCHEDULED") ? p : undefined;
      },
      60_000,
      500,
    );
    expect(first.tail).toBe(true);
    expect(first.nextPageToken).not.toBeNull();
    const held = ids(first.events);
    expect(held).toEqual(held.map((_, i) => i + 1));

    // nothing new: an empty page, still at the tail, quickly (no long poll)
    const t0 = Date.now();
    const idle = await readRawHistory(reader, run, first.nextPageToken, 1000, { follow: true });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(idle.events).toEqual([]);
    expect(idle.tail).toBe(true);
    expect(idle.nextPageToken).not.toBeNull();

    const cancel = await api("POST", `/workflows/${crew.id}/executions/${e.id}/cancel`);
    expect(cancel.status).toBe(202);
    let token = idle.nextPageToken;
    const later: Record<string, unknown>[] = [];
    await waitFor(
      "the run closes",
      async () => {
        const p = await readRawHistory(reader, run, token, 1000, { follow: true });
        later.push(...p.events);
        token = p.nextPageToken;
        return token === null ? true : undefined;
      },
      60_000,
      500,
    );
    // only events after the last one held, each once, in order, up to the close
    const added = ids(later);
    expect(added[0]).toBe(held.length + 1);
    expect(added).toEqual(added.map((_, i) => held.length + 1 + i));
    const types = later.map((x) => x.eventType);
    expect(types).toContain("EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED");
    expect(String(types.at(-1))).toMatch(/^EVENT_TYPE_WORKFLOW_EXECUTION_(CANCELED|COMPLETED|FAILED)$/);
  }, 150_000);
});
