import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_TENANT, OTHER_TENANT } from "../../server/identities";
import { call } from "../support/api";
import { createKey, testDb } from "../support/keys";
import { publishWorkflow, uniqueName } from "../support/publish";
import { getIdToken } from "../support/tokens";

interface EventTypeDto {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  payloadSchema: unknown;
  domainCondition: unknown;
  enabled: boolean;
}

let dev: string;
let runtime: string;
let other: string;
let viewer: string;

beforeAll(() => {
  dev = createKey(DEMO_TENANT.id, ["workflow_developer"]).key;
  runtime = createKey(DEMO_TENANT.id, ["workflow_runtime"]).key;
  other = createKey(OTHER_TENANT.id, ["tenant_admin"]).key;
  viewer = createKey(DEMO_TENANT.id, ["viewer"]).key;
});

const newName = () => `custom.${uniqueName("ev").replace(/-/g, "_")}`;

describe("event types", () => {
  it("CRUD with the contract shape", async () => {
    const name = newName();
    const c = await call<EventTypeDto>("POST", "/event-types", {
      token: dev,
      body: {
        name,
        description: "Order shipped",
        payloadSchema: { type: "object", required: ["orderId"], properties: { orderId: { type: "string" } } },
      },
    });
    expect(c.status).toBe(201);
    expect(c.body.data).toMatchObject({
      tenantId: DEMO_TENANT.id,
      name,
      description: "Order shipped",
      domainCondition: null,
      enabled: true,
    });
    expect((await call("POST", "/event-types", { token: dev, body: { name } })).body.code).toBe("CONFLICT");
    expect((await call<EventTypeDto>("GET", `/event-types/${name}`, { token: dev })).body.data.id).toBe(c.body.data.id);
    const p = await call<EventTypeDto>("PATCH", `/event-types/${name}`, { token: dev, body: { description: null, enabled: false } });
    expect(p.body.data).toMatchObject({ description: null, enabled: false, payloadSchema: c.body.data.payloadSchema });
    const disabled = await call<EventTypeDto[]>("GET", "/event-types?enabled=false", { token: dev });
    expect(disabled.body.data.map((e) => e.name)).toContain(name);
    const enabled = await call<EventTypeDto[]>("GET", "/event-types?enabled=true", { token: dev });
    expect(enabled.body.data.map((e) => e.name)).not.toContain(name);
    expect((await call("PATCH", `/event-types/${name}`, { token: dev, body: { name: "x" } })).status).toBe(400);
    expect((await call("DELETE", `/event-types/${name}`, { token: dev })).status).toBe(204);
    expect((await call("GET", `/event-types/${name}`, { token: dev })).status).toBe(404);
  });

  it("400 for bad names, built-in names and bad domain conditions; RBAC; isolation", async () => {
    for (const body of [
      { name: "Bad Name" },
      { name: "quote.accepted" },
      { name: "pegii.shipment.closed" },
      { name: newName(), domainCondition: { sourceEventType: "custom.thing" } },
      { name: newName(), domainCondition: { sourceEventType: "quote.accepted", filter: { path: "a", op: "??", value: 1 } } },
      { name: newName(), description: "d".repeat(1001) },
    ]) {
      expect((await call("POST", "/event-types", { token: dev, body })).status, JSON.stringify(body)).toBe(400);
    }
    expect((await call("GET", "/event-types", { token: viewer })).status).toBe(403);
    const name = newName();
    await call("POST", "/event-types", { token: dev, body: { name } });
    expect((await call("GET", `/event-types/${name}`, { token: other })).status).toBe(404);
  });

  it("emit: stores a domain event; schema violations 400; unknown or disabled 404; needs EmitTenantEvent", async () => {
    const name = newName();
    await call("POST", "/event-types", {
      token: dev,
      body: { name, payloadSchema: { type: "object", required: ["orderId"], properties: { orderId: { type: "string" } } } },
    });
    const ok = await call<{ emitted: boolean; eventType: string; occurredAt: string }>("POST", `/event-types/${name}/emit`, {
      token: runtime,
      body: { payload: { orderId: "o-1" } },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.data).toMatchObject({ emitted: true, eventType: name });
    const rows = testDb().prepare("SELECT tenant_id, payload FROM domain_events WHERE event_type = ?").all(name) as Array<{
      tenant_id: string;
      payload: string;
    }>;
    expect(rows).toEqual([{ tenant_id: DEMO_TENANT.id, payload: '{"orderId":"o-1"}' }]);
    const bad = await call("POST", `/event-types/${name}/emit`, { token: runtime, body: { payload: { orderId: 5 } } });
    expect([bad.status, bad.body.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect((await call("POST", `/event-types/${newName()}/emit`, { token: runtime, body: { payload: {} } })).status).toBe(404);
    expect((await call("POST", `/event-types/${name}/emit`, { token: other, body: { payload: { orderId: "x" } } })).status).toBe(404);
    expect((await call("POST", `/event-types/${name}/emit`, { token: dev, body: { payload: { orderId: "x" } } })).status).toBe(403);
    await call("PATCH", `/event-types/${name}`, { token: dev, body: { enabled: false } });
    expect((await call("POST", `/event-types/${name}/emit`, { token: runtime, body: { payload: { orderId: "x" } } })).status).toBe(404);
  });
});

describe("usage summary", () => {
  it("tenant_admin only; computed from usage_events (execution-linked rows resolve their workflow)", async () => {
    const year = 2031; // a year nobody else writes to
    const wf = (await publishWorkflow(dev, uniqueName("usage"))).body.data;
    const execId = randomUUID();
    const t = `${year}-03-10T10:00:00.000Z`;
    const db = testDb();
    db.prepare(
      "INSERT INTO workflow_executions (id, tenant_id, workflow_id, status, queued_at, created_at, updated_at) VALUES (?, ?, ?, 'COMPLETED', ?, ?, ?)",
    ).run(execId, DEMO_TENANT.id, wf.id, t, t, t);
    const ins = db.prepare(
      "INSERT INTO usage_events (id, tenant_id, workflow_id, execution_id, action, billable, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    ins.run(randomUUID(), DEMO_TENANT.id, wf.id, null, "SendSms", 1, `${year}-01-05T00:00:00.000Z`);
    ins.run(randomUUID(), DEMO_TENANT.id, null, execId, "SendSms", 1, t);
    ins.run(randomUUID(), DEMO_TENANT.id, null, null, "CloseTask", 1, t);
    ins.run(randomUUID(), DEMO_TENANT.id, wf.id, null, "ReadQuote", 0, t); // free
    ins.run(randomUUID(), OTHER_TENANT.id, null, null, "SendSms", 1, t); // other tenant
    ins.run(randomUUID(), DEMO_TENANT.id, null, null, "SendSms", 1, `${year + 1}-01-01T00:00:00.000Z`); // next term

    const { idToken } = await getIdToken(inject("issuer"), "admin@atlas.example");
    type Usage = {
      plan: Record<string, unknown> | null;
      termStart: string;
      termEnd: string;
      pool: number | null;
      usedTermToDate: number;
      remaining: number | null;
      overageActions: number;
      projectedAtTermEnd: number | null;
      asOf: string;
      byMonth: Array<{ month: string; actions: number }>;
      byAction: Array<{ action: string; actions: number }>;
      byWorkflow: Array<{ workflowId: string | null; workflowName: string | null; actions: number }>;
    };
    const r = await call<Usage>("GET", `/usage/summary?year=${year}`, { token: idToken });
    expect(r.status).toBe(200);
    const u = r.body.data;
    expect(u.plan).toMatchObject({ planCode: "growth", annualPoolActions: 120000 });
    expect([u.termStart, u.termEnd]).toEqual([`${year}-01-01`, `${year + 1}-01-01`]);
    expect(u.usedTermToDate).toBe(3);
    expect(u.remaining).toBe(120000 - 3);
    expect(u.overageActions).toBe(0);
    expect(u.byMonth).toHaveLength(12);
    expect(u.byMonth.filter((m) => m.actions > 0)).toEqual([
      { month: `${year}-01`, actions: 1 },
      { month: `${year}-03`, actions: 2 },
    ]);
    expect(u.byAction).toEqual([
      { action: "SendSms", actions: 2 },
      { action: "CloseTask", actions: 1 },
    ]);
    expect(u.byWorkflow).toEqual(
      expect.arrayContaining([
        { workflowId: wf.id, workflowName: wf.name, actions: 2 },
        { workflowId: null, workflowName: null, actions: 1 },
      ]),
    );
    expect(u.projectedAtTermEnd).toBe(0); // the term has not started yet
    expect((await call("GET", "/usage/summary?year=31", { token: idToken })).status).toBe(400);
    expect((await call("GET", "/usage/summary", { token: dev })).status).toBe(403);
    const otherAdmin = await call<Usage>("GET", `/usage/summary?year=${year}`, { token: other });
    expect(otherAdmin.body.data).toMatchObject({ plan: null, usedTermToDate: 1, pool: null, remaining: null });
  });
});
