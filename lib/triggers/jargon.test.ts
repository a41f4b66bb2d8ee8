import { describe, expect, it } from "vitest";
import { INTEGRATION_EVENT_TYPES } from "@/lib/schemas/trigger";
import { describeTrigger, explainEventType, INTEGRATION_TERMS } from "./index";

describe("integration jargon in plain words", () => {
  it("explains every integration event type the platform offers, naming what pegII is", () => {
    for (const name of INTEGRATION_EVENT_TYPES) {
      const text = explainEventType(name);
      expect(text, name).toContain(INTEGRATION_TERMS.pegII);
      expect(text, name).toMatch(/MoveManager/);
    }
    expect(explainEventType("pegii.shipment.opened")).toContain("opened in MoveManager");
    expect(explainEventType("pegii.shipment.closed")).toContain("closed in MoveManager");
  });

  it("leaves built-in, custom and unknown event types alone", () => {
    expect(explainEventType("quote.accepted")).toBeNull();
    expect(explainEventType("partner.order_synced")).toBeNull();
    expect(explainEventType("")).toBeNull();
  });

  it("puts the explanation beside the trigger's headline, and none on schedules", () => {
    const base = { id: "t", enabled: true, filter: null } as const;
    const event = describeTrigger({ ...base, kind: "EVENT", eventType: "pegii.shipment.opened", cronExpression: null });
    expect(event.headline).toBe("When Shipment opened (pegII) happens");
    expect(event.explanation).toBe(explainEventType("pegii.shipment.opened"));
    expect(describeTrigger({ ...base, kind: "EVENT", eventType: "invoice.paid", cronExpression: null }).explanation).toBeNull();
    expect(describeTrigger({ ...base, kind: "SCHEDULE", eventType: null, cronExpression: "0 2 * * *" }).explanation).toBeNull();
  });
});
