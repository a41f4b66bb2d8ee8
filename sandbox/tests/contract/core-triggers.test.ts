import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_TENANT, OTHER_TENANT } from "../../server/identities";
import { call } from "../support/api";
import { createKey } from "../support/keys";
import { publishWorkflow, uniqueName, type WorkflowDto } from "../support/publish";

interface TriggerDto {
  id: string;
  tenantId: string;
  workflowId: string;
  kind: "EVENT" | "SCHEDULE";
  eventType: string | null;
  filter: unknown;
  cronExpression: string | null;
  enabled: boolean;
  createdByUserId: string | null;
  createdAt: string;
  updatedAt: string;
}

let dev: string;
let devUser: string;
let viewer: string;
let other: string;
let wf: WorkflowDto;
let global: WorkflowDto;

beforeAll(async () => {
  const d = createKey(DEMO_TENANT.id, ["workflow_developer", "tenant_admin"]);
  dev = d.key;
  devUser = d.userId;
  viewer = createKey(DEMO_TENANT.id, ["viewer"]).key;
  other = createKey(OTHER_TENANT.id, ["tenant_admin"]).key;
  wf = (await publishWorkflow(dev, uniqueName("trig"))).body.data;
  global = (await publishWorkflow(inject("seedKeys").platform.key, uniqueName("gtrig"))).body.data;
});

const create = (body: unknown, workflowId = wf.id, token = dev) =>
  call<TriggerDto>("POST", `/workflows/${workflowId}/triggers`, { token, body });

describe("triggers", () => {
  it("creates SCHEDULE and EVENT triggers with the contract shape", async () => {
    const s = await create({ kind: "SCHEDULE", cronExpression: "*/5 * * * *" });
    expect(s.status).toBe(201);
    expect(s.body.data).toMatchObject({
      tenantId: DEMO_TENANT.id,
      workflowId: wf.id,
      kind: "SCHEDULE",
      eventType: null,
      filter: null,
      cronExpression: "*/5 * * * *",
      enabled: true,
      createdByUserId: devUser,
    });
    const e = await create({ kind: "EVENT", eventType: "quote.accepted", filter: { status: "won" }, enabled: false });
    expect(e.body.data).toMatchObject({
      kind: "EVENT",
      eventType: "quote.accepted",
      filter: { status: "won" },
      cronExpression: null,
      enabled: false,
    });
    const v2 = await create({ kind: "EVENT", eventType: "pegii.shipment.opened", filter: { all: [{ path: "a.b", op: "gte", value: 2 }] } });
    expect(v2.status).toBe(201);
    const list = await call<TriggerDto[]>("GET", `/workflows/${wf.id}/triggers`, { token: viewer });
    expect(list.status).toBe(200);
    expect(list.body.data.map((t) => t.id).slice(0, 3)).toEqual([v2.body.data.id, e.body.data.id, s.body.data.id]);
    expect(list.body.meta).toEqual({ count: list.body.data.length });
  });

  it("enforces the kind rules, the cron dialect, event types and filters (400 VALIDATION_ERROR)", async () => {
    const bad = [
      { kind: "SCHEDULE" },
      { kind: "SCHEDULE", cronExpression: "* * * *" },
      { kind: "SCHEDULE", cronExpression: "61 * * * *" },
      { kind: "SCHEDULE", cronExpression: "0 0 * * *", eventType: "quote.accepted" },
      { kind: "SCHEDULE", cronExpression: "0 0 * * *", filter: { a: 1 } },
      { kind: "EVENT" },
      { kind: "EVENT", eventType: "no.such.event" },
      { kind: "EVENT", eventType: "quote.accepted", cronExpression: "0 0 * * *" },
      { kind: "EVENT", eventType: "quote.accepted", filter: { path: "a", op: "like", value: 1 } },
      { kind: "EVENT", eventType: "quote.accepted", filter: { nested: { x: 1 } } },
      { kind: "WEBHOOK" },
    ];
    for (const body of bad) {
      const r = await create(body);
      expect([r.status, r.body.code], JSON.stringify(body)).toEqual([400, "VALIDATION_ERROR"]);
    }
  });

  it("custom event types are allowed only when registered and enabled in the tenant", async () => {
    const name = `order.${uniqueName("custom").replace(/-/g, "_")}`;
    expect((await create({ kind: "EVENT", eventType: name })).status).toBe(400);
    expect((await call("POST", "/event-types", { token: dev, body: { name } })).status).toBe(201);
    expect((await create({ kind: "EVENT", eventType: name })).status).toBe(201);
    await call("PATCH", `/event-types/${name}`, { token: dev, body: { enabled: false } });
    expect((await create({ kind: "EVENT", eventType: name })).status).toBe(400);
    // Another tenant cannot use it.
    const theirs = (await publishWorkflow(other, uniqueName())).body.data;
    expect((await create({ kind: "EVENT", eventType: name }, theirs.id, other)).status).toBe(400);
  });

  it("PATCH: partial updates, kind-based checks, strict body; DELETE: 204 then 404", async () => {
    const t = (await create({ kind: "SCHEDULE", cronExpression: "0 0 * * *" })).body.data;
    const p = await call<TriggerDto>("PATCH", `/workflows/${wf.id}/triggers/${t.id}`, {
      token: dev,
      body: { cronExpression: "30  6 * * 1-5", enabled: false },
    });
    expect(p.status).toBe(200);
    expect(p.body.data).toMatchObject({ cronExpression: "30 6 * * 1-5", enabled: false });
    expect((await call("PATCH", `/workflows/${wf.id}/triggers/${t.id}`, { token: dev, body: { kind: "EVENT" } })).status).toBe(400);
    expect(
      (await call("PATCH", `/workflows/${wf.id}/triggers/${t.id}`, { token: dev, body: { eventType: "quote.accepted" } })).status,
    ).toBe(400);
    expect((await call("PATCH", `/workflows/${wf.id}/triggers/${t.id}`, { token: dev, body: { cronExpression: "nope" } })).status).toBe(
      400,
    );
    const e = (await create({ kind: "EVENT", eventType: "invoice.paid" })).body.data;
    const pe = await call<TriggerDto>("PATCH", `/workflows/${wf.id}/triggers/${e.id}`, {
      token: dev,
      body: { filter: { path: "amount", op: "gt", value: 10 } },
    });
    expect(pe.body.data).toMatchObject({ eventType: "invoice.paid", filter: { path: "amount", op: "gt", value: 10 } });
    expect(
      (await call("PATCH", `/workflows/${wf.id}/triggers/${e.id}`, { token: dev, body: { cronExpression: "0 0 * * *" } })).status,
    ).toBe(400);
    expect((await call("PATCH", `/workflows/${wf.id}/triggers/${e.id}`, { token: dev, body: { eventType: null } })).status).toBe(400);
    const missing = await call("PATCH", `/workflows/${wf.id}/triggers/${randomUUID()}`, { token: dev, body: { enabled: true } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: "Trigger not found", code: "NOT_FOUND" });
    expect((await call("DELETE", `/workflows/${wf.id}/triggers/${t.id}`, { token: dev })).status).toBe(204);
    expect((await call("DELETE", `/workflows/${wf.id}/triggers/${t.id}`, { token: dev })).status).toBe(404);
  });

  it("RBAC: viewer reads, cannot manage", async () => {
    expect((await create({ kind: "SCHEDULE", cronExpression: "0 0 * * *" }, wf.id, viewer)).status).toBe(403);
  });

  it("GLOBAL workflows take triggers owned by the caller's tenant; other tenants see only their own", async () => {
    const mine = await create({ kind: "SCHEDULE", cronExpression: "0 1 * * *" }, global.id);
    expect(mine.body.data.tenantId).toBe(DEMO_TENANT.id);
    const theirs = await create({ kind: "SCHEDULE", cronExpression: "0 2 * * *" }, global.id, other);
    expect(theirs.body.data.tenantId).toBe(OTHER_TENANT.id);
    const list = await call<TriggerDto[]>("GET", `/workflows/${global.id}/triggers`, { token: other });
    expect(list.body.data.map((t) => t.id)).toEqual([theirs.body.data.id]);
    // Another tenant's trigger id looks missing.
    expect(
      (await call("PATCH", `/workflows/${global.id}/triggers/${mine.body.data.id}`, { token: other, body: { enabled: false } })).status,
    ).toBe(404);
    expect((await call("DELETE", `/workflows/${global.id}/triggers/${mine.body.data.id}`, { token: other })).status).toBe(404);
  });

  it("404 for another tenant's workflow; create refused on a retired workflow but list still works", async () => {
    const theirs = (await publishWorkflow(other, uniqueName())).body.data;
    expect((await call("GET", `/workflows/${theirs.id}/triggers`, { token: dev })).status).toBe(404);
    expect((await create({ kind: "SCHEDULE", cronExpression: "0 0 * * *" }, theirs.id)).status).toBe(404);
    const w = (await publishWorkflow(dev, uniqueName())).body.data;
    const t = (await create({ kind: "SCHEDULE", cronExpression: "0 0 * * *", enabled: false }, w.id)).body.data;
    expect((await call("POST", `/workflows/${w.id}/retire`, { token: dev })).status).toBe(200);
    expect((await create({ kind: "SCHEDULE", cronExpression: "0 0 * * *" }, w.id)).status).toBe(404);
    const list = await call<TriggerDto[]>("GET", `/workflows/${w.id}/triggers`, { token: dev });
    expect(list.body.data.map((x) => x.id)).toEqual([t.id]);
  });
});
