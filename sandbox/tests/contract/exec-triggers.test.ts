import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { apiClient, probeCopy, runCli, TERMINAL, waitFor, type Execution } from "../runner/exec-helpers";

const apiUrl = inject("apiUrl");
const venv = inject("venv");
const keys = inject("seedKeys");
const api = apiClient(apiUrl, keys.demo.key);

const NAME = "runner-probe-triggers";
let wfId = "";
let folder = "";
const triggerIds: string[] = [];

async function executions(): Promise<Execution[]> {
  return (await api<Execution[]>("GET", `/workflows/${wfId}/executions?limit=200`)).body.data ?? [];
}

async function settle(id: string): Promise<Execution> {
  return waitFor(`execution ${id}`, async () => {
    const e = (await api<Execution>("GET", `/workflows/${wfId}/executions/${id}`)).body.data;
    return e && TERMINAL.includes(e.status) ? e : undefined;
  });
}

async function createTrigger(body: Record<string, unknown>): Promise<string> {
  const r = await api<{ id: string }>("POST", `/workflows/${wfId}/triggers`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const id = r.body.data?.id ?? "";
  triggerIds.push(id);
  return id;
}

beforeAll(async () => {
  folder = probeCopy({ name: NAME, version: "0.1.0", timeoutSeconds: 60 });
  const pushed = await runCli(venv, apiUrl, keys.demo.key, ["push", "-C", folder]);
  if (pushed.code !== 0) throw new Error(`push failed: ${pushed.stdout}\n${pushed.stderr}`);
  const list = await api<Array<{ id: string; name: string }>>("GET", "/workflows");
  wfId = list.body.data?.find((w) => w.name === NAME)?.id ?? "";
  expect(wfId).not.toBe("");
}, 120_000);

afterAll(async () => {
  for (const id of triggerIds) await api("DELETE", `/workflows/${wfId}/triggers/${id}`);
  rmSync(folder, { recursive: true, force: true });
});

describe("EVENT triggers", () => {
  it("a built-in domain event starts one run per matching trigger, with the event envelope", async () => {
    const triggerId = await createTrigger({ kind: "EVENT", eventType: "quote.accepted", filter: { mode: "ok" } });
    const fired = await api<{ id: string; eventType: string; occurredAt: string; executionIds: string[] }>(
      "POST",
      "/_sandbox/domain-events",
      {
        eventType: "quote.accepted",
        payload: { mode: "ok", orderId: "o-event" },
      },
    );
    expect(fired.status).toBe(201);
    const ours = (await executions()).filter((e) => fired.body.data?.executionIds.includes(e.id));
    expect(ours).toHaveLength(1);
    const exec = ours[0] as Execution;
    expect(exec).toMatchObject({ triggerSource: "EVENT", triggeredByTriggerId: triggerId, triggeredByUserId: null, dryRun: false });
    expect(exec.input).toEqual({
      domainEventId: fired.body.data?.id,
      eventType: "quote.accepted",
      occurredAt: fired.body.data?.occurredAt,
      payload: { mode: "ok", orderId: "o-event" },
    });
    const done = await settle(exec.id);
    expect(done.status).toBe("COMPLETED");
    expect(done.result).toMatchObject({ order: "o-event" });

    // a payload the filter rejects starts nothing for this workflow
    const before = (await executions()).length;
    const miss = await api<{ executionIds: string[] }>("POST", "/_sandbox/domain-events", {
      eventType: "quote.accepted",
      payload: { mode: "fail" },
    });
    expect(miss.status).toBe(201);
    expect((await executions()).length).toBe(before);

    // a disabled trigger does not fire
    await api("PATCH", `/workflows/${wfId}/triggers/${triggerId}`, { enabled: false });
    await api("POST", "/_sandbox/domain-events", { eventType: "quote.accepted", payload: { mode: "ok" } });
    expect((await executions()).length).toBe(before);
  });

  it("a custom event emit starts the run (v2 filter)", async () => {
    const created = await api("POST", "/event-types", { name: "probe.ping", description: "runner probe test event" });
    expect([201, 409]).toContain(created.status);
    const triggerId = await createTrigger({ kind: "EVENT", eventType: "probe.ping", filter: { path: "order.size", op: "gte", value: 3 } });
    const emitted = await api("POST", "/event-types/probe.ping/emit", { payload: { order: { size: 5 }, mode: "ok" } });
    expect([200, 201]).toContain(emitted.status);
    const exec = await waitFor("the emitted event's run", async () =>
      (await executions()).find((e) => e.triggeredByTriggerId === triggerId),
    );
    expect(exec.triggerSource).toBe("EVENT");
    expect((exec.input as { eventType: string }).eventType).toBe("probe.ping");
    expect((await settle(exec.id)).status).toBe("COMPLETED");
  });

  it("rejects a non-built-in event type on the sandbox-only route", async () => {
    const r = await api("POST", "/_sandbox/domain-events", { eventType: "probe.ping", payload: {} });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("VALIDATION_ERROR");
    const viewerless = await fetch(`${apiUrl}/_sandbox/domain-events`, { method: "POST", body: "{}" });
    expect(viewerless.status).toBe(401);
  });
});

describe("SCHEDULE triggers", () => {
  it("the scheduler fires on the next UTC minute with the tick input", async () => {
    const triggerId = await createTrigger({ kind: "SCHEDULE", cronExpression: "* * * * *" });
    const exec = await waitFor(
      "a scheduled run",
      async () => (await executions()).find((e) => e.triggeredByTriggerId === triggerId),
      90_000,
      1_000,
    );
    await api("PATCH", `/workflows/${wfId}/triggers/${triggerId}`, { enabled: false });
    expect(exec).toMatchObject({ triggerSource: "SCHEDULE", triggeredByUserId: null, dryRun: false });
    const input = exec.input as { scheduledAt: string; schedule: string; triggerId: string };
    expect(input.schedule).toBe("* * * * *");
    expect(input.triggerId).toBe(triggerId);
    expect(new Date(input.scheduledAt).getUTCSeconds()).toBe(0);
    expect(Object.keys(input).sort()).toEqual(["schedule", "scheduledAt", "triggerId"]);
    expect((await settle(exec.id)).status).toBe("COMPLETED");
  }, 120_000);
});
