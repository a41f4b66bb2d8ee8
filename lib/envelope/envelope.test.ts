import { describe, expect, it } from "vitest";
import type { Trigger } from "@/lib/schemas/trigger";
import { manifestSchema, type RequirementsSummary, type Workflow } from "@/lib/schemas/workflow";
import { actionInfo, assembleEnvelope, diffEnvelopes, formatSeconds, groupActions, KNOWN_ACTION_IDS, NO_ACTIONS_TEXT } from "./index";
import { NO_TRIGGERS_TEXT } from "@/lib/triggers";

function workflow(id: string, version: string, manifest: Record<string, unknown>): Pick<Workflow, "id" | "name" | "version" | "manifest"> {
  return {
    id,
    name: "order-saved-notify",
    version,
    manifest: manifestSchema.parse({ name: "order-saved-notify", version, entryPoints: ["x:Y"], diagram: "flowchart TD", ...manifest }),
  };
}

function trigger(over: Partial<Trigger>): Trigger {
  return {
    id: "t",
    tenantId: "tenant",
    workflowId: "wf-2",
    kind: "SCHEDULE",
    eventType: null,
    filter: null,
    cronExpression: "*/5 * * * *",
    enabled: true,
    createdByUserId: null,
    createdAt: "2026-06-01T00:00:00.000Z",
    updatedAt: "2026-06-01T00:00:00.000Z",
    ...over,
  };
}

const summary: RequirementsSummary = {
  workflows: [
    {
      workflowId: "wf-2",
      name: "order-saved-notify",
      version: "0.2.0",
      visibility: "TENANT",
      requirements: [
        { kind: "SECRET", key: "SEND_API_KEY", group: "sirva", description: null, present: false },
        { kind: "CONFIG", key: "SEND_URL", group: "global", description: null, present: true },
      ],
      missingCount: 1,
    },
  ],
  totalMissing: 1,
};

describe("action catalogue", () => {
  it("covers the contract's action vocabulary with groups and billing", () => {
    for (const id of ["SendSms", "SendEmail", "UpdateTextMessage", "CloseTask", "DeliverToExternal", "CallExternal"]) {
      expect(actionInfo(id).billable, id).toBe(true);
    }
    for (const id of ["ReadQuote", "EmitTenantEvent", "ReadWorkflowSecret", "WriteIntegrationProjection", "RunWorkflow"]) {
      expect(actionInfo(id).billable, id).toBe(false);
    }
    expect(actionInfo("SendSms")).toMatchObject({
      explanation: "Send text messages to customers",
      group: "send-messages",
      permission: "sms:send",
      known: true,
    });
    expect(actionInfo("DeliverToExternal")).toMatchObject({
      group: "call-partners",
      billingNote: "Billed when the partner accepts the delivery",
    });
    expect(actionInfo("ReadCustomer").group).toBe("read-data");
    expect(actionInfo("CloseTask").group).toBe("change-data");
    expect(actionInfo("EmitTenantEvent").group).toBe("platform");
    // Every id of contract §12's runtime vocabulary is described.
    const vocabulary =
      "ReadWorkflowSecret ReadWorkflowConfig SendSms SendEmail UpdateTextMessage ReadTextMessage ReadSmsOptOut ManageSmsOptOut EmitTenantEvent ReadIntegrationProjection WriteIntegrationProjection DeliverToExternal CallExternal ReadBlob WriteBlob ReadOrder ReadTask CloseTask ReadSalesman CreateFeedbackRequest ManageFeedbackForms ReadWorkflowState WriteWorkflowState ReadUsage ReadCustomer ReadQuote ListMoves ReadMove ReadInvoice ReadEvent".split(
        " ",
      );
    for (const id of vocabulary) expect(KNOWN_ACTION_IDS, id).toContain(id);
    expect(new Set(KNOWN_ACTION_IDS).size).toBe(KNOWN_ACTION_IDS.length);
  });

  it("keeps unknown ids visible", () => {
    expect(actionInfo("TeleportTruck")).toMatchObject({ known: false, group: "platform", billable: false });
  });

  it("groups in display order with duplicates collapsed", () => {
    const groups = groupActions(["ReadQuote", "SendSms", "ReadCustomer", "SendSms", "DeliverToExternal"]);
    expect(groups.map((g) => g.label)).toEqual(["Send messages to people", "Call partners", "Read data"]);
    expect(groups[2]?.actions.map((a) => a.id)).toEqual(["ReadCustomer", "ReadQuote"]);
  });
});

describe("assembleEnvelope", () => {
  const wf = workflow("wf-2", "0.2.0", {
    requiredActions: ["SendSms", "ReadWorkflowSecret", "ReadWorkflowConfig"],
    requiredSecrets: [{ key: "SEND_API_KEY", group: "sirva", description: "Sirva delivery key" }],
    requiredConfigs: [{ key: "SEND_URL" }],
    timeoutSeconds: 300,
  });

  it("combines triggers, actions and keys with presence", () => {
    const env = assembleEnvelope(wf, [trigger({ id: "t1" }), trigger({ id: "other", workflowId: "wf-9" })], summary, {
      now: new Date("2026-06-30T14:02:00Z"),
    });
    expect(env.triggers.items.map((t) => t.id)).toEqual(["t1"]);
    expect(env.triggers.items[0]?.wording.text).toContain("every 5 minutes, UTC — next runs at 2026-06-30 14:05");
    expect(env.triggers.emptyText).toBeNull();
    expect(env.actions.groups.map((g) => g.group)).toEqual(["send-messages", "read-data"]);
    expect(env.actions.billable.map((a) => a.id)).toEqual(["SendSms"]);
    expect(env.secrets).toEqual([
      { kind: "SECRET", key: "SEND_API_KEY", group: "sirva", description: "Sirva delivery key", present: false },
    ]);
    expect(env.configs).toEqual([{ kind: "CONFIG", key: "SEND_URL", group: "global", description: null, present: true }]);
    expect(env.missingCount).toBe(1);
    expect(env.presenceKnown).toBe(true);
    expect(env.timeout).toEqual({ seconds: 300, declared: true });
  });

  it("uses the contract's empty texts and the default timeout", () => {
    const env = assembleEnvelope(workflow("wf-3", "1.0.0", {}), [], summary);
    expect(env.triggers.emptyText).toBe(NO_TRIGGERS_TEXT);
    expect(env.actions.emptyText).toBe(NO_ACTIONS_TEXT);
    expect(env.timeout).toEqual({ seconds: 900, declared: false });
  });

  it("keeps keys the platform's summary lists even if the manifest copy lacks them", () => {
    const env = assembleEnvelope(workflow("wf-2", "0.2.0", {}), [], summary);
    expect(env.secrets.map((k) => `${k.group}/${k.key}:${String(k.present)}`)).toEqual(["sirva/SEND_API_KEY:false"]);
    expect(env.configs.map((k) => `${k.group}/${k.key}:${String(k.present)}`)).toEqual(["global/SEND_URL:true"]);
  });

  it("marks presence unknown when the summary does not cover the workflow", () => {
    const env = assembleEnvelope(wf, [], null);
    expect(env.presenceKnown).toBe(false);
    expect(env.secrets[0]?.present).toBeNull();
    expect(env.missingCount).toBe(0);
  });

  it("omits next runs without a clock, keeping the wording deterministic", () => {
    const env = assembleEnvelope(wf, [trigger({})], summary);
    expect(env.triggers.items[0]?.wording.nextRuns).toEqual([]);
    expect(env.triggers.items[0]?.wording.headline).toBe("every 5 minutes, UTC");
    expect(env.triggers.items[0]?.wording.text).toBe("every 5 minutes, UTC");
    expect(env.triggers.items[0]?.wording.warning).toBeNull();
  });
});

describe("diffEnvelopes", () => {
  const old = assembleEnvelope(
    workflow("wf-1", "0.1.0", {
      requiredActions: ["ReadQuote", "ReadWorkflowConfig"],
      requiredConfigs: [{ key: "SEND_URL" }],
      timeoutSeconds: 300,
    }),
    [trigger({ id: "a", workflowId: "wf-1", kind: "EVENT", eventType: "quote.accepted", filter: { status: "A" }, cronExpression: null })],
    null,
  );
  const next = assembleEnvelope(
    workflow("wf-2", "0.2.0", {
      requiredActions: ["ReadWorkflowConfig", "ReadCustomer", "SendSms", "DeliverToExternal", "ReadWorkflowSecret"],
      requiredSecrets: [{ key: "SEND_API_KEY", group: "sirva" }],
      requiredConfigs: [],
    }),
    [
      trigger({
        id: "b",
        workflowId: "wf-2",
        kind: "EVENT",
        eventType: "quote.accepted",
        filter: { status: "A" },
        cronExpression: null,
        enabled: false,
      }),
      trigger({ id: "c" }),
    ],
    // The server derives the summary from the manifest, so it lists only the secret here.
    { ...summary, workflows: summary.workflows.map((w) => ({ ...w, requirements: w.requirements.filter((r) => r.kind === "SECRET") })) },
  );

  it("lists permission changes first, most consequential grants on top", () => {
    const changes = diffEnvelopes(old, next);
    expect(changes.map((c) => `${c.area}:${c.change}:${c.subject}`)).toEqual([
      "actions:added:SendSms",
      "actions:added:DeliverToExternal",
      "actions:added:ReadCustomer",
      "actions:added:ReadWorkflowSecret",
      "actions:removed:ReadQuote",
      "secrets:added:sirva/SEND_API_KEY",
      "configs:removed:global/SEND_URL",
      'triggers:changed:EVENT quote.accepted {"status":"A"}',
      "triggers:added:SCHEDULE */5 * * * *",
      "timeout:changed:timeout",
    ]);
    expect(changes[0]).toMatchObject({ message: "Newly allowed: Send text messages to customers (SendSms) — billed", attention: true });
    expect(changes[4]?.message).toBe("No longer allowed: Read quotes (ReadQuote)");
    expect(changes[5]).toMatchObject({ message: "Now uses secret sirva/SEND_API_KEY — not set yet", attention: true });
    expect(changes[7]?.message).toBe("Trigger disabled: When Quote accepted happens");
    expect(changes[8]?.message).toBe("New trigger: every 5 minutes, UTC");
    expect(changes[9]?.message).toBe("Time limit raised from 5 min to 15 min");
  });

  it("finds nothing between identical envelopes, and reverses cleanly", () => {
    expect(diffEnvelopes(next, next)).toEqual([]);
    const back = diffEnvelopes(next, old);
    expect(back.filter((c) => c.area === "actions" && c.change === "removed").map((c) => c.subject)).toEqual([
      "DeliverToExternal",
      "ReadCustomer",
      "ReadWorkflowSecret",
      "SendSms",
    ]);
    expect(back.find((c) => c.area === "timeout")?.message).toBe("Time limit lowered from 15 min to 5 min");
  });

  it("treats filter key order as the same trigger", () => {
    const a = assembleEnvelope(
      workflow("w", "1.0.0", {}),
      [trigger({ workflowId: "w", kind: "EVENT", eventType: "invoice.paid", filter: { a: 1, b: 2 }, cronExpression: null })],
      null,
    );
    const b = assembleEnvelope(
      workflow("w", "1.0.1", {}),
      [trigger({ workflowId: "w", kind: "EVENT", eventType: "invoice.paid", filter: { b: 2, a: 1 }, cronExpression: null })],
      null,
    );
    expect(diffEnvelopes(a, b)).toEqual([]);
  });

  it("formats durations", () => {
    expect(formatSeconds(45)).toBe("45 s");
    expect(formatSeconds(90)).toBe("1 min 30 s");
    expect(formatSeconds(900)).toBe("15 min");
  });
});
