import { describe, expect, it } from "vitest";
import { manifestSchema } from "@/lib/schemas/workflow";
import { compareWithRuns, contentWords, detectDrift, parseMermaidFlowchart, runComparisonNote, words, type DriftFinding } from "./index";

function wf(diagram: string | null, over: Record<string, unknown> = {}) {
  return { manifest: manifestSchema.parse({ name: "x", version: "1.0.0", entryPoints: ["m:W"], diagram, ...over }) };
}

const serious = (fs: DriftFinding[]) => fs.filter((f) => f.severity !== "low");

describe("word normalisation", () => {
  it("makes identifiers and sentences comparable", () => {
    expect(words("send_quote_sms")).toEqual(["send", "quote", "sms"]);
    expect(words("sendQuoteSMS")).toEqual(["send", "quote", "sms"]);
    expect(words("Send quote SMS!")).toEqual(["send", "quote", "sms"]);
    expect(words("SMSReceipt")).toEqual(["sms", "receipt"]);
    expect(words("send-texts to customers")).toEqual(["send", "text", "to", "customer"]);
    expect(contentWords("Text the customer's receipt")).toEqual(["text", "customer", "receipt"]);
  });
});

describe("detectDrift on written examples", () => {
  it("flags a diagram that texts customers without SendSms (high)", () => {
    const f = detectDrift({
      workflow: wf('flowchart TD\n  A[Order saved] --> B["Send SMS to customer"]\n  B --> C[Done]', { requiredActions: ["ReadOrder"] }),
    });
    const high = f.filter((x) => x.severity === "high");
    expect(high).toHaveLength(1);
    expect(high[0]).toMatchObject({
      id: "undeclared-action:SendSms",
      kind: "undeclared-action",
      evidence: { actionId: "SendSms", diagramText: ["Send SMS to customer"] },
    });
    expect(high[0]?.message).toBe(
      'The diagram says "Send SMS to customer", but the automation is not permitted to send text messages to customers (SendSms is not among its declared actions).',
    );
  });

  it.each([
    ["email", "flowchart TD\n A --> B[Email the invoice to the customer]", "SendEmail", "high"],
    ["partner delivery", "flowchart TD\n A --> B[deliver_to_external: deliver the order to the partner]", "DeliverToExternal", "high"],
    ["emit", "flowchart TD\n A --> B[Emit order.ready]", "EmitTenantEvent", "medium"],
    ["close task", "flowchart TD\n A --> B[Close the follow-up task]", "CloseTask", "high"],
    ["projection write", "flowchart TD\n A --> B[Update the partner projection]", "WriteIntegrationProjection", "medium"],
    ["text verb", "flowchart TD\n A --> B[Text the crew lead]", "SendSms", "high"],
    ["camelCase id", "flowchart TD\n A --> sendQuoteSms", "SendSms", "high"],
  ])("implies an action from %s", (_, diagram, action, severity) => {
    const f = detectDrift({ workflow: wf(diagram) });
    expect(f.find((x) => x.kind === "undeclared-action" && x.evidence.actionId === action)?.severity).toBe(severity);
  });

  it("does not flag honest diagrams", () => {
    const honest = [
      wf("flowchart TD\n  A[quote.accepted] --> B[send_quote_sms: Send quote SMS]", { requiredActions: ["SendSms"] }),
      wf("flowchart TD\n  A[Order] --> B[load the cached partner order]\n B --> C[Write the partner projection]", {
        requiredActions: ["ReadIntegrationProjection", "WriteIntegrationProjection"],
      }),
      wf(
        "flowchart TD\n  A[Truck loaded] --> B[estimate load from photos] --> C[Wait for the loading window]\n C --> D[Delivery ETA computed]",
      ),
      wf('flowchart TD\n  A[Move status changed] --> B{"Opted in?"}\n  B -- no --> C[Done: no text]'),
      wf("flowchart TD\n  A[Customer created] --> B[Check the email address format] --> C[Store a text field on the record?]"),
    ];
    for (const w of honest) expect(serious(detectDrift({ workflow: w }))).toEqual([]);
  });

  it("reports declared actions and keys the diagram never mentions", () => {
    const f = detectDrift({
      workflow: wf("flowchart TD\n A[Start] --> B[Send SMS to customer using SMS_TEMPLATE]", {
        requiredActions: ["SendSms", "SendEmail", "ReadQuote", "ReadWorkflowConfig"],
        requiredConfigs: [{ key: "SMS_TEMPLATE" }, { key: "QUIET_HOURS", group: "notifications", description: "No texts at night" }],
      }),
    });
    expect(f.find((x) => x.id === "unmentioned-action:SendEmail")).toMatchObject({
      severity: "medium",
      message: "The automation is allowed to send emails (SendEmail), but the diagram never shows it doing so.",
    });
    expect(f.find((x) => x.id === "unmentioned-action:ReadQuote")?.severity).toBe("low");
    expect(f.find((x) => x.id === "unmentioned-action:SendSms")).toBeUndefined();
    expect(f.find((x) => x.id === "unmentioned-action:ReadWorkflowConfig")).toBeUndefined();
    expect(f.find((x) => x.id === "unmentioned-key:setting:notifications/QUIET_HOURS")).toMatchObject({
      severity: "low",
      message: "The automation uses the setting QUIET_HOURS (No texts at night), but the diagram never mentions it.",
    });
    expect(f.find((x) => x.id.startsWith("unmentioned-key:setting:global/SMS_TEMPLATE"))).toBeUndefined();
  });

  it("flags activities seen in runs that no box names, ignoring the direct-mode proxy", () => {
    const f = detectDrift({
      workflow: wf("flowchart TD\n A[quote.accepted] --> B[Send quote SMS]", { requiredActions: ["SendSms"] }),
      activityTypesSeen: ["send_quote_sms", "run_tenant_entry_point", "charge_card", "charge_card"],
    });
    expect(f.filter((x) => x.kind === "unnamed-activity").map((x) => x.evidence.activityType)).toEqual(["charge_card"]);
    expect(f[0]?.message).toBe('Recent runs performed the step "charge_card", which no box in the diagram names.');
  });

  it("finds nothing in the SDK's template diagram", () => {
    const template = "flowchart TD\n  A[Start: name input] --> B[greet activity]\n  B --> C[Return greeting]";
    expect(detectDrift({ workflow: wf(template), activityTypesSeen: ["greet"] })).toEqual([]);
  });

  it("reports a missing diagram and keys without read permission", () => {
    expect(detectDrift({ workflow: wf(null) })[0]).toMatchObject({ kind: "no-diagram", severity: "medium" });
    const f = detectDrift({ workflow: wf("flowchart TD\n A[Use API_TOKEN]", { requiredSecrets: [{ key: "API_TOKEN" }] }) });
    expect(f.map((x) => x.id)).toContain("keys-without-read-action:secret");
  });

  it("notes a payment with no payment secret", () => {
    const f = detectDrift({ workflow: wf("flowchart TD\n A --> B[Charge the deposit]") });
    expect(f.find((x) => x.kind === "payment-without-secret")?.severity).toBe("low");
    const withKey = detectDrift({
      workflow: wf("flowchart TD\n A --> B[Charge the deposit with PAY_KEY]", {
        requiredSecrets: [{ key: "PAY_KEY" }],
        requiredActions: ["ReadWorkflowSecret"],
      }),
    });
    expect(withKey.find((x) => x.kind === "payment-without-secret")).toBeUndefined();
  });

  it("sorts high before medium before low", () => {
    const f = detectDrift({
      workflow: wf("flowchart TD\n A --> B[Send SMS]\n B --> C[Emit done]", { requiredActions: ["ReadQuote"] }),
      activityTypesSeen: ["mystery_step"],
    });
    const ranks = f.map((x) => ({ high: 0, medium: 1, low: 2 })[x.severity]);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });
});

describe("what the rules read", () => {
  it("does not read event names or key names as what a box does", () => {
    const crew = detectDrift({
      workflow: wf('flowchart TD\n  A["deposit.charged event or manual run"] --> B["notify_crew_lead: Send SMS to crew lead"]', {
        requiredActions: ["SendSms"],
      }),
    });
    expect(crew.map((f) => f.kind)).not.toContain("payment-without-secret");
    const order = detectDrift({
      workflow: wf(
        'flowchart TD\n  A["order.saved event"] --> D["load_order_sms_template: fill ORDER_SAVED_SMS_TEMPLATE"] --> E["Send SMS"]',
        {
          requiredActions: ["SendSms", "ReadWorkflowConfig"],
          requiredConfigs: [{ key: "ORDER_SAVED_SMS_TEMPLATE" }],
        },
      ),
    });
    expect(order.map((f) => f.id)).toEqual([]);
  });

  it("still reads what a label says around those names", () => {
    expect(
      detectDrift({ workflow: wf('flowchart TD\n  A["deposit.charged event"] --> B["Charge the card"]') }).map((f) => f.kind),
    ).toContain("payment-without-secret");
    expect(detectDrift({ workflow: wf('flowchart TD\n  A --> B["Read the order, then use ORDER_TEMPLATE"]') }).map((f) => f.id)).toContain(
      "undeclared-action:ReadOrder",
    );
  });

  it("in an activity name, a verb-object phrase counts when the object is the name's last word", () => {
    expect(detectDrift({ workflow: wf("flowchart TD\n  A --> B[read_order]") }).map((f) => f.id)).toContain("undeclared-action:ReadOrder");
    expect(detectDrift({ workflow: wf("flowchart TD\n  A --> B[load_order_sms_template]") }).map((f) => f.id)).not.toContain(
      "undeclared-action:ReadOrder",
    );
    // Single-word cues (SMS, email) count anywhere in a name.
    expect(detectDrift({ workflow: wf("flowchart TD\n  A --> B[send_sms_reminder]") }).map((f) => f.id)).toContain(
      "undeclared-action:SendSms",
    );
  });
});

describe("a diagram that cannot be read", () => {
  it("is not comparable, never 'no drift'", () => {
    const broken = wf("flowchart TD\n  A[Start --> B(\n", { requiredActions: ["SendSms"] });
    const f = detectDrift({ workflow: broken });
    expect(f[0]).toMatchObject({ kind: "unreadable-diagram", severity: "medium" });
    expect(f[0]?.message).toMatch(
      /^Not comparable: the diagram could not be read \(line 2: A\[ is never closed; line 2: B\( is never closed\)/,
    );
    // Nothing is guessed from half-read text.
    expect(f.filter((x) => x.kind !== "unreadable-diagram" && x.kind !== "keys-without-read-action")).toEqual([]);
  });

  it.each([
    ["not a flowchart", "sequenceDiagram\n  A->>B: hi", /does not start with "flowchart" or "graph"/],
    ["an open quote", 'flowchart TD\n  A["Send SMS] --> B', /quote is never closed/],
    ["a link without its arrow", "flowchart TD\n  A -- send it B", /never reaches its arrow/],
  ])("reports %s", (_, source, problem) => {
    expect(parseMermaidFlowchart(source).problems.join("; ")).toMatch(problem);
  });

  it("reports nothing for charts that read cleanly", () => {
    expect(
      parseMermaidFlowchart('%%{init: {"theme": "dark"}}%%\nflowchart LR\n  A(["Start"]) -- yes --> B{"Quiet?"}\n  click A call x()')
        .problems,
    ).toEqual([]);
  });
});

describe("recent runs", () => {
  it("counts direct-mode runs as not comparable and compares the rest", () => {
    const direct = { types: ["run_tenant_entry_point"] };
    expect(compareWithRuns([direct, direct, direct])).toEqual({ types: [], read: 3, comparable: 0, notComparable: 3 });
    expect(compareWithRuns([direct, { types: ["send_sms", "charge_card"] }])).toEqual({
      types: ["charge_card", "send_sms"],
      read: 2,
      comparable: 1,
      notComparable: 1,
    });
  });

  it("says so instead of listing the proxy step as a comparison", () => {
    const base = { pending: false, failed: false, diagramReadable: true };
    const direct = { types: ["run_tenant_entry_point"] };
    const allDirect = runComparisonNote({ ...base, comparison: compareWithRuns([direct, direct, direct]) });
    expect(allDirect).toBe(
      "Recent runs are not comparable: 3 recent runs ran in direct mode, where the history shows only the platform's run_tenant_entry_point step and not the workflow's own steps. Only the diagram and the manifest were compared.",
    );
    expect(allDirect).not.toMatch(/compared with the activities/);
    expect(runComparisonNote({ ...base, comparison: compareWithRuns([{ types: ["greet"] }]) })).toBe(
      "Also compared with the steps of the last 1 run: greet.",
    );
    expect(runComparisonNote({ ...base, comparison: compareWithRuns([]) })).toMatch(/^No recent runs/);
    expect(runComparisonNote({ ...base, diagramReadable: false, comparison: compareWithRuns([direct]) })).toMatch(
      /^Not comparable: the diagram could not be read/,
    );
  });
});
