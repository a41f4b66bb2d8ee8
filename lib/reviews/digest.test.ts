import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { manifestSchema, type Workflow } from "@/lib/schemas/workflow";
import type { Trigger } from "@/lib/schemas/trigger";
import { envelopeCanonicalText, reviewBindingOf, sha256Hex, shortDigest, stableJson } from "./digest";
import { reviewStateOf } from "./state";

const wf = (over: Partial<Workflow["manifest"]> = {}): Pick<Workflow, "id" | "manifest"> => ({
  id: "wf-1",
  manifest: manifestSchema.parse({
    name: "quote-accepted-deposit",
    version: "0.3.0",
    diagram: "flowchart TD\n  A --> B",
    requiredActions: ["ReadQuote", "SendSms", "EmitTenantEvent"],
    requiredSecrets: [{ key: "STRIPE_KEY", group: "billing" }],
    requiredConfigs: [{ key: "DEPOSIT_PERCENT" }, { key: "OFFICE_PHONE", group: "sirva" }],
    timeoutSeconds: 300,
    ...over,
  }),
});

const trig = (over: Partial<Trigger>): Trigger => ({
  id: "t-1",
  tenantId: "tn",
  workflowId: "wf-1",
  kind: "EVENT",
  eventType: "quote.accepted",
  filter: { a: 1, b: { c: 2, d: 3 } },
  cronExpression: null,
  enabled: true,
  createdByUserId: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  ...over,
});

describe("review digests", () => {
  it("sha256Hex is the standard SHA-256", async () => {
    expect(await sha256Hex("flowchart TD")).toBe(createHash("sha256").update("flowchart TD").digest("hex"));
    expect(await sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("stableJson sorts keys at every level", () => {
    expect(stableJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}');
  });

  it("does not depend on the order of actions, keys, triggers or filter keys, nor on trigger ids and on/off", async () => {
    const a = await reviewBindingOf(wf(), [
      trig({}),
      trig({ id: "t-2", kind: "SCHEDULE", eventType: null, filter: null, cronExpression: "0 2 * * *" }),
    ]);
    const b = await reviewBindingOf(
      wf({
        requiredActions: ["SendSms", "EmitTenantEvent", "ReadQuote", "SendSms"],
        requiredSecrets: [{ key: "STRIPE_KEY", group: "billing" }],
        requiredConfigs: [
          { key: "OFFICE_PHONE", group: "sirva" },
          { key: "DEPOSIT_PERCENT", group: "global" },
        ],
      }),
      [
        trig({ id: "x-2", kind: "SCHEDULE", eventType: null, filter: null, cronExpression: "0 2 * * *", enabled: false }),
        trig({ id: "x-1", filter: { b: { d: 3, c: 2 }, a: 1 } }),
      ],
    );
    expect(b).toEqual(a);
    expect(a.envelopeDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.diagramSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(shortDigest(a.envelopeDigest)).toHaveLength(12);
  });

  it("changes when an action is added, a key or a trigger changes, or the time limit moves; the diagram hash only with the diagram", async () => {
    const base = await reviewBindingOf(wf(), [trig({})]);
    const added = await reviewBindingOf(wf({ requiredActions: ["ReadQuote", "SendSms", "EmitTenantEvent", "SendEmail"] }), [trig({})]);
    expect(added.envelopeDigest).not.toBe(base.envelopeDigest);
    expect(added.diagramSha256).toBe(base.diagramSha256);
    const variants = [
      await reviewBindingOf(wf({ requiredSecrets: [{ key: "STRIPE_KEY", group: "other" }] }), [trig({})]),
      await reviewBindingOf(wf(), [trig({ filter: { a: 2, b: { c: 2, d: 3 } } })]),
      await reviewBindingOf(wf(), []),
      await reviewBindingOf(wf({ timeoutSeconds: null }), [trig({})]),
    ];
    for (const v of variants) expect(v.envelopeDigest).not.toBe(base.envelopeDigest);
    const redrawn = await reviewBindingOf(wf({ diagram: "flowchart TD\n  A --> C" }), [trig({})]);
    expect(redrawn.diagramSha256).not.toBe(base.diagramSha256);
    expect(redrawn.envelopeDigest).toBe(base.envelopeDigest);
  });

  it("ignores other workflows' triggers", () => {
    expect(envelopeCanonicalText(wf(), [trig({ workflowId: "wf-2" })])).toBe(envelopeCanonicalText(wf(), []));
  });

  it("names the state from the newest review and whether it is current", () => {
    expect(reviewStateOf(null)).toBe("not-reviewed");
    expect(reviewStateOf({ verdict: "matches", current: true })).toBe("reviewed");
    expect(reviewStateOf({ verdict: "does_not_match", current: true })).toBe("changes-requested");
    expect(reviewStateOf({ verdict: "matches", current: false })).toBe("out-of-date");
  });
});
