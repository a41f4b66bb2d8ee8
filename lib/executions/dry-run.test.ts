import { describe, expect, it } from "vitest";
import { describeCapturedEffect, summarizeDryRun } from "./index";

describe("dry-run effects in plain words", () => {
  it.each([
    [
      { method: "send_sms", capability: "SendSms", args: { to: "+15550100", body: "Your move is booked" } },
      'Would text +15550100: "Your move is booked"',
      true,
    ],
    [{ method: "send_sms", capability: "SendSms", args: ["+15550100", "Old list form"] }, 'Would text +15550100: "Old list form"', true],
    [
      { method: "send_email", capability: "SendEmail", args: { to: "a@b.c", subject: "Receipt", body: "…" } },
      'Would email a@b.c: "Receipt"',
      true,
    ],
    [
      { method: "emit_event", capability: "EmitTenantEvent", args: { name: "deposit.charged", payload: {} } },
      "Would emit the event deposit.charged",
      false,
    ],
    [{ method: "close_task", capability: "CloseTask", args: { task_id: 42, order_id: null } }, "Would close task 42", true],
    [
      { method: "close_task", capability: "CloseTask", args: { task_id: null, order_id: "o-1", task_type: "survey" } },
      "Would close the survey task on order o-1",
      true,
    ],
    [
      { method: "deliver_to_external", capability: "DeliverToExternal", args: { integration_id: "demo_partner", external: {} } },
      "Would deliver data to the partner integration demo_partner",
      true,
    ],
    [
      { method: "call_external", capability: "CallExternal", args: { integration_id: "demo_partner", method: "POST", path: "/orders" } },
      "Would call POST /orders on the partner integration demo_partner",
      true,
    ],
    [
      {
        method: "put_projection",
        capability: "WriteIntegrationProjection",
        args: { integration: "demo_partner", entity_type: "order", key: "A-1", state: {} },
      },
      "Would save order A-1 in the demo_partner projection",
      false,
    ],
    [
      {
        method: "delete_projection",
        capability: "WriteIntegrationProjection",
        args: { integration: "demo_partner", entity_type: "order", key: "A-1" },
      },
      "Would delete order A-1 from the demo_partner projection",
      false,
    ],
    [
      { method: "record_side_effect", capability: "custom", label: "charge card at processor", payload: {} },
      'Would perform "charge card at processor" (recorded by the workflow)',
      false,
    ],
    [{ method: "update_order", capability: "UpdateOrder", args: {} }, "Would call update_order (UpdateOrder)", false],
  ])("%j", (record, sentence, billable) => {
    expect(describeCapturedEffect(record)).toMatchObject({ sentence, billable });
  });

  it("shortens long message bodies", () => {
    const effect = describeCapturedEffect({ method: "send_sms", capability: "SendSms", args: { to: "+1", body: "x".repeat(500) } });
    expect(effect.sentence.length).toBeLessThan(150);
    expect(effect.sentence.endsWith('…"')).toBe(true);
  });

  it("summarises a dry-run result and rejects other results", () => {
    const summary = summarizeDryRun({
      dryRun: true,
      return: { ok: true },
      trace: [{ activity: "send_eta_sms", args: ["o-1"], result: {} }],
      captured: [{ method: "send_sms", capability: "SendSms", args: { to: "+1", body: "ETA 2-4pm" }, wouldReturn: {} }],
    });
    expect(summary?.returnValue).toEqual({ ok: true });
    expect(summary?.activities.map((a) => a.activity)).toEqual(["send_eta_sms"]);
    expect(summary?.effects.map((e) => e.sentence)).toEqual(['Would text +1: "ETA 2-4pm"']);
    expect(summarizeDryRun({ greeting: "hi" })).toBeNull();
    expect(summarizeDryRun(null)).toBeNull();
  });
});
