import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "@/lib/schemas/history";
import { groupSteps, type ActivityStep } from "@/lib/timeline";
import { diagramKind, flowchartNodeId, normaliseName, overlayRun, type OverlayStep } from "./overlay";

const step = (activityType: string, status: OverlayStep["status"] = "completed", attempts = 1): OverlayStep => ({
  activityType,
  status,
  attempts,
});
const statusOf = (o: ReturnType<typeof overlayRun>, id: string) => o.nodes.find((n) => n.id === id)?.status;

describe("normaliseName", () => {
  it("reads snake, kebab, camel, Pascal and spaced names as the same words", () => {
    for (const name of [
      "send_digest_sms",
      "send-digest-sms",
      "sendDigestSms",
      "SendDigestSMS",
      "Send digest SMS",
      "  send  digest   sms ",
    ]) {
      expect(normaliseName(name)).toBe("send digest sms");
    }
    expect(normaliseName("Send SMS")).toBe("send sms");
  });
});

describe("flowchartNodeId", () => {
  it("reads the node id out of mermaid's node group ids, with or without the diagram prefix", () => {
    expect(flowchartNodeId("flowchart-A-0")).toBe("A");
    expect(flowchartNodeId("wf-diagram-3-flowchart-send_digest_sms-12")).toBe("send_digest_sms");
    expect(flowchartNodeId("wf-diagram-3-flowchart-flowchart-2")).toBe("flowchart");
    expect(flowchartNodeId("L_A_B_0")).toBeNull();
    expect(flowchartNodeId("flowchart-A")).toBeNull();
  });
});

describe("diagramKind", () => {
  it("skips front matter, directives and comments", () => {
    expect(diagramKind('---\ntitle: Flow\n---\n%%{init: {"theme": "dark"}}%%\n%% note\n\nflowchart LR\nA-->B')).toBe("flowchart");
    expect(diagramKind("graph TD; A-->B")).toBe("graph");
    expect(diagramKind("sequenceDiagram\nA->>B: hi")).toBe("sequenceDiagram");
    expect(diagramKind("  \n%% only a comment")).toBeNull();
  });
});

describe("overlayRun: node shapes and labels", () => {
  it("matches labels of every shape, quoted or not", () => {
    const source = [
      "flowchart TD",
      "  A[charge_deposit] --> B(send_receipt)",
      "  B --> C{check_balance}",
      "  C --> D([load_profile])",
      "  D --> E[[sync_orders]]",
      "  E --> F>notify_crew]",
      '  F --> G["emit event"]',
    ].join("\n");
    const o = overlayRun(
      source,
      ["charge_deposit", "send_receipt", "check_balance", "load_profile", "sync_orders", "notify_crew", "emitEvent"].map((t) => step(t)),
    );
    expect(o.verdict).toBe("matched");
    expect(o.matches.map((m) => `${m.activityType}>${m.nodeIds.join(",")}:${m.basis}`)).toEqual([
      "charge_deposit>A:label",
      "send_receipt>B:label",
      "check_balance>C:label",
      "load_profile>D:label",
      "sync_orders>E:label",
      "notify_crew>F:label",
      "emitEvent>G:label",
    ]);
    expect(o.nodes).toHaveLength(7);
    expect(o.nodes.every((n) => n.status === "completed")).toBe(true);
    expect(o.unmatchedActivityTypes).toEqual([]);
  });

  it("matches the `activity: description` label convention and node ids, label first", () => {
    const source = [
      "flowchart TD",
      '  A["Start"] --> B["charge_deposit: charge the card"]',
      "  B --> send_receipt[Text the customer]",
      "  send_receipt --> R[Send receipt]",
    ].join("\n");
    const o = overlayRun(source, [step("charge_deposit"), step("send_receipt")]);
    expect(o.matches).toEqual([
      { activityType: "charge_deposit", nodeIds: ["B"], basis: "label-prefix" },
      // The label "Send receipt" beats the node id send_receipt.
      { activityType: "send_receipt", nodeIds: ["R"], basis: "label" },
    ]);
    expect(statusOf(o, "send_receipt")).toBe("not_reached");
    expect(statusOf(o, "A")).toBe("not_reached");
  });

  it("falls back to the node id when no label names the type", () => {
    const o = overlayRun("graph LR\n  start --> send_receipt[Text the customer]", [step("sendReceipt", "failed")]);
    expect(o.matches).toEqual([{ activityType: "sendReceipt", nodeIds: ["send_receipt"], basis: "node-id" }]);
    expect(statusOf(o, "send_receipt")).toBe("failed");
  });

  it("never matches by similarity: extra words, plurals or partial names stay unmatched", () => {
    const source = 'flowchart TD\n  A["Send SMS to customer"] --> B[send_receipts] --> C["Charge the deposit"]';
    const o = overlayRun(source, [step("send_sms"), step("send_receipt"), step("charge_deposit")]);
    expect(o.verdict).toBe("none-matched");
    expect(o.reason).toBe("no-label-match");
    expect(o.unmatchedActivityTypes).toEqual(["send_sms", "send_receipt", "charge_deposit"]);
    expect(o.message).toContain("send_sms, send_receipt, charge_deposit");
  });

  it("reads nodes from edges with text, `&` chains and one-line charts, ignoring comments", () => {
    const source = [
      "flowchart LR",
      "%% A[charge_deposit] is only a comment",
      "  S[Start] -- deposit due --> A[charge_deposit] %% trailing",
      "  A -->|paid| B[send_receipt] & C[notify_crew]",
      "  B -. later .-> D[archive]; C --> D",
      "  classDef hot fill:#f00",
      "  click A callback",
    ].join("\n");
    const o = overlayRun(source, [step("charge_deposit"), step("send_receipt", "running"), step("notify_crew", "scheduled")]);
    expect(o.nodes.map((n) => `${n.id}=${n.status}`)).toEqual([
      "S=not_reached",
      "A=completed",
      "B=running",
      "C=scheduled",
      "D=not_reached",
    ]);
    // A comment-only mention adds no node.
    expect(o.nodes.filter((n) => n.label === "charge_deposit")).toHaveLength(1);
  });

  it("marks every node drawn with the same label", () => {
    const o = overlayRun("flowchart TD\n  A[send_sms] --> B{again?} --> C[send_sms]", [step("send_sms")]);
    expect(o.matches[0]?.nodeIds).toEqual(["A", "C"]);
    expect(statusOf(o, "C")).toBe("completed");
  });
});

describe("overlayRun: statuses, counts and attempts", () => {
  const source = "flowchart TD\n  A[group_moves] --> B[send_sms] --> C{More?} --> B";

  it("counts loop iterations and retries per node", () => {
    const o = overlayRun(source, [
      step("group_moves"),
      step("send_sms", "completed", 3),
      step("send_sms"),
      step("send_sms", "completed", 2),
    ]);
    const b = o.nodes.find((n) => n.id === "B");
    expect(b).toMatchObject({ status: "completed", stepCount: 3, attempts: 6, counts: { completed: 3 }, activityTypes: ["send_sms"] });
    expect(o.nodes.find((n) => n.id === "A")).toMatchObject({ stepCount: 1, attempts: 1 });
  });

  it("shows an open step first, then the worst outcome", () => {
    expect(statusOf(overlayRun(source, [step("send_sms"), step("send_sms", "failed"), step("send_sms")]), "B")).toBe("failed");
    expect(statusOf(overlayRun(source, [step("send_sms", "failed"), step("send_sms", "scheduled")]), "B")).toBe("scheduled");
    expect(statusOf(overlayRun(source, [step("send_sms", "timed_out"), step("send_sms")]), "B")).toBe("timed_out");
    expect(statusOf(overlayRun(source, [step("send_sms", "unfinished"), step("send_sms")]), "B")).toBe("unfinished");
    const mixed = overlayRun(source, [step("send_sms"), step("send_sms", "failed", 4)]).nodes.find((n) => n.id === "B");
    expect(mixed?.counts).toEqual({ completed: 1, failed: 1 });
    expect(mixed?.attempts).toBe(5);
  });

  it("lists types with no node next to the placed ones", () => {
    const o = overlayRun(source, [step("group_moves"), step("load_recipient"), step("")]);
    expect(o.verdict).toBe("matched");
    expect(o.unmatchedActivityTypes).toEqual(["load_recipient"]);
  });
});

describe("overlayRun: nothing to place", () => {
  const source = 'flowchart TD\n  A["Quote accepted"] --> B["charge_deposit: charge"]';

  it("explains a direct-mode run instead of guessing", () => {
    const o = overlayRun(source, [step("run_tenant_entry_point", "failed")]);
    expect(o).toMatchObject({
      verdict: "none-matched",
      reason: "direct-mode",
      matches: [],
      unmatchedActivityTypes: ["run_tenant_entry_point"],
    });
    expect(o.message).toBe(
      "This run's history has a single activity, run_tenant_entry_point (direct mode); its steps cannot be placed on the diagram.",
    );
    expect(o.nodes).toHaveLength(2);
    expect(o.nodes.every((n) => n.status === "not_reached")).toBe(true);
  });

  it("says so when the run has no activity yet", () => {
    expect(overlayRun(source, [], { open: true })).toMatchObject({
      verdict: "none-matched",
      reason: "no-activities",
      message: "This run has no activity steps yet, so nothing is placed on the diagram.",
    });
  });

  it("does not read other diagram types, or a missing diagram", () => {
    const seq = overlayRun("sequenceDiagram\n  participant charge_deposit", [step("charge_deposit")]);
    expect(seq).toMatchObject({ verdict: "not-matchable", reason: "not-flowchart", nodes: [] });
    expect(seq.message).toContain("sequenceDiagram");
    expect(overlayRun("stateDiagram-v2\n  [*] --> charge_deposit", [step("charge_deposit")]).reason).toBe("not-flowchart");
    expect(overlayRun(null, [step("x")])).toMatchObject({ verdict: "not-matchable", reason: "no-diagram" });
    expect(overlayRun("   ", [step("x")]).reason).toBe("no-diagram");
  });
});

describe("overlayRun on a demo diagram and timeline steps", () => {
  // The platform demo's hand-drawn diagram (sandbox/demo is read from disk; lib never imports it).
  const file = path.resolve(import.meta.dirname, "../../sandbox/demo/platform/move-status-digest/1.0.0/status_digest/workflow.mmd");
  const source = readFileSync(file, "utf8");

  it("places every activity of a durable move-status-digest history", () => {
    let id = 0;
    const ev = (type: HistoryEvent["type"], activityType?: string, attempt?: number): HistoryEvent => ({
      id: String(++id),
      type,
      timestamp: new Date(1_700_000_000_000 + id * 1000).toISOString(),
      activityType,
      attempt,
    });
    const events: HistoryEvent[] = [
      ev("WorkflowExecutionStarted"),
      ev("ActivityTaskScheduled", "group_moves_by_status"),
      ev("ActivityTaskStarted", "group_moves_by_status"),
      ev("ActivityTaskCompleted", "group_moves_by_status"),
      ev("ActivityTaskScheduled", "load_digest_recipient"),
      ev("ActivityTaskStarted", "load_digest_recipient", 2),
      ev("ActivityTaskCompleted", "load_digest_recipient"),
      ev("ActivityTaskScheduled", "send_digest_sms"),
      ev("ActivityTaskStarted", "send_digest_sms"),
      ev("ActivityTaskFailed", "send_digest_sms"),
      ev("WorkflowExecutionFailed"),
    ];
    const steps = groupSteps(events).rows.filter((r): r is ActivityStep => r.kind === "activity");
    const o = overlayRun(source, steps);
    expect(o.verdict).toBe("matched");
    expect(o.matches.map((m) => `${m.activityType}>${m.nodeIds.join(",")}`)).toEqual([
      "group_moves_by_status>B",
      "load_digest_recipient>D",
      "send_digest_sms>E",
    ]);
    expect(o.nodes.map((n) => `${n.id}=${n.status}`)).toEqual([
      "A=not_reached",
      "B=completed",
      "C=not_reached",
      "X=not_reached",
      "D=completed",
      "E=failed",
      "F=not_reached",
      "G=not_reached",
      "H=not_reached",
    ]);
    expect(o.nodes.find((n) => n.id === "D")?.attempts).toBe(2);
  });
});
