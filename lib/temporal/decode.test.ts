// The event decoder over real Temporal histories captured from the sandbox runner (read from disk;
// lib/ code never imports sandbox/), plus hand-written events for the kinds the captures lack.
import { readFileSync } from "node:fs";
import path from "node:path";
import { temporal } from "@temporalio/proto";
import { describe, expect, it } from "vitest";
import { decodeEvent, decodeEvents, type DecodedFailure, type DecodedPayload } from "./decode";
import { base64Size } from "./proto-values";
import { EVENT_TYPE_INFO, eventTypeInfo, pascalEventType } from "./event-types";

const FIXTURE = path.resolve(import.meta.dirname, "../../sandbox/tests/runner/fixtures/raw-histories.json");
const captured = JSON.parse(readFileSync(FIXTURE, "utf8")) as { label: string; raw: { events: Record<string, unknown>[] } }[];
const byLabel = (prefix: string) => {
  const h = captured.find((c) => c.label.startsWith(prefix));
  if (!h) throw new Error(`fixture ${prefix} missing`);
  return h.raw.events;
};

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const jsonPayload = (v: unknown) => ({ metadata: { encoding: b64("json/plain") }, data: b64(JSON.stringify(v)) });

describe("event types", () => {
  it("names every event type of the Temporal API with a label and a real category", () => {
    const names = Object.keys(temporal.api.enums.v1.EventType).filter((k) => Number.isNaN(Number(k)) && k !== "EVENT_TYPE_UNSPECIFIED");
    expect(names.length).toBeGreaterThan(50);
    for (const name of names) {
      const type = pascalEventType(name);
      expect(EVENT_TYPE_INFO[type], `${name} → ${type}`).toBeDefined();
      expect(eventTypeInfo(type).category).not.toBe("other");
    }
  });

  it("reads an unlisted type as words", () => {
    expect(eventTypeInfo("SomethingNewHappened")).toEqual({ label: "Something new happened", category: "other" });
  });
});

describe("decodeEvent over captured histories", () => {
  it("names every captured event (no Unknown), with workflow-task events in their own category", () => {
    for (const h of captured) {
      const events = decodeEvents(h.raw.events, { showValues: true });
      expect(events.map((e) => e.type)).not.toContain("Unknown");
      expect(events.every((e) => e.label.length > 0 && e.time !== null)).toBe(true);
      const wft = events.filter((e) => e.type.startsWith("WorkflowTask"));
      expect(wft.length).toBeGreaterThan(0);
      expect(wft.every((e) => e.category === "workflow-task")).toBe(true);
    }
  });

  it("decodes json/plain payloads with their size and carries the step name to its later events", () => {
    const events = decodeEvents(byLabel("COMPLETED/direct"), { showValues: true });
    const started = events[0];
    expect(started?.type).toBe("WorkflowExecutionStarted");
    const input = (started?.attributes.input as DecodedPayload[])[0];
    expect(input).toMatchObject({ kind: "payload", encoding: "json/plain", state: "value" });
    expect((input?.value as { input: { input: { moveId: string } } }).input.input.moveId).toBe("M-2003");
    expect(input?.size).toBeGreaterThan(100);
    expect(started?.payloadBytes).toBeGreaterThanOrEqual(input?.size ?? Infinity);
    // durations in object form read as "120s"; the task queue and identity are lifted out
    expect(started?.attributes.workflowExecutionTimeout).toBe("120s");
    expect(started?.taskQueue).toBe("pegasus-tenant-runner");
    const scheduled = events.find((e) => e.type === "ActivityTaskScheduled");
    const completed = events.find((e) => e.type === "ActivityTaskCompleted");
    expect(scheduled?.activityType).toBeTruthy();
    expect(completed?.activityType).toBe(scheduled?.activityType);
    expect(completed?.scheduledEventId).toBe(scheduled?.id);
  });

  it("hides every payload value for a reader without workflow:run, keeping structure and sizes", () => {
    const shown = decodeEvents(byLabel("COMPLETED/durable"), { showValues: true });
    const hidden = decodeEvents(byLabel("COMPLETED/durable"), { showValues: false });
    const text = JSON.stringify(hidden);
    expect(text).not.toContain('"value"');
    expect(text).not.toContain("M-");
    expect(hidden.map((e) => e.payloadBytes)).toEqual(shown.map((e) => e.payloadBytes));
    const firstInput = (hidden[0]?.attributes.input as DecodedPayload[])[0];
    expect(firstInput).toMatchObject({ state: "hidden", encoding: "json/plain" });
    expect(firstInput?.size).toBeGreaterThan(0);
  });

  it("decodes the captured step failure: type, message and stack trace", () => {
    const events = decodeEvents(byLabel("FAILED/direct"), { showValues: true });
    const failed = events.find((e) => e.type === "ActivityTaskFailed");
    expect(failed?.failure?.message).toBeTruthy();
    expect(failed?.failure?.failureKind).toBe("application");
    expect(failed?.failure?.type).toBeTruthy();
    const run = events.find((e) => e.type === "WorkflowExecutionFailed");
    // the run failure wraps the step failure: a cause chain
    expect(run?.failure?.cause).not.toBeNull();
  });

  it("labels the cancel request of a cancelled run", () => {
    const events = decodeEvents(byLabel("CANCELLED/direct"), { showValues: true });
    expect(events.find((e) => e.type === "WorkflowExecutionCancelRequested")).toMatchObject({
      label: "Cancel requested",
      category: "cancel",
    });
    expect(events.find((e) => e.type === "WorkflowExecutionCanceled")).toMatchObject({ label: "Run cancelled", category: "cancel" });
  });
});

describe("decodeEvent on hand-written events", () => {
  it("decodes a workflow task failure (Failed decoding arguments) with its cause chain and non-retryable flag", () => {
    const e = decodeEvent(
      {
        eventId: "5",
        eventTime: "2026-01-01T00:00:00Z",
        eventType: "EVENT_TYPE_WORKFLOW_TASK_FAILED",
        workflowTaskFailedEventAttributes: {
          scheduledEventId: "2",
          startedEventId: "3",
          cause: "WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE",
          identity: "1234@host",
          failure: {
            message: "Failed decoding arguments",
            source: "PythonSDK",
            stackTrace: "Traceback (most recent call last):\n  …",
            applicationFailureInfo: { type: "TypeError", nonRetryable: true },
            cause: { message: "missing field moveId", applicationFailureInfo: { type: "KeyError" } },
          },
        },
      },
      { showValues: true },
    );
    expect(e).toMatchObject({
      id: "5",
      type: "WorkflowTaskFailed",
      label: "Workflow task failed",
      category: "workflow-task",
      identity: "1234@host",
    });
    const f = e.failure as DecodedFailure;
    expect(f).toMatchObject({ message: "Failed decoding arguments", type: "TypeError", nonRetryable: true, source: "PythonSDK" });
    expect(f.stackTrace).toContain("Traceback");
    expect(f.cause).toMatchObject({ message: "missing field moveId", type: "KeyError", nonRetryable: false, cause: null });
    expect(e.summary).toContain("workflow worker unhandled failure");
    expect(e.summary).toContain("Failed decoding arguments");
  });

  it("defers payloads over 64 KB and reports binary payloads by encoding and size", () => {
    const big = "x".repeat(70 * 1024);
    const e = decodeEvent(
      {
        eventId: "1",
        eventType: "EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED",
        workflowExecutionSignaledEventAttributes: {
          signalName: "nudge",
          input: { payloads: [jsonPayload({ big }), { metadata: { encoding: b64("binary/protobuf") }, data: b64("abcdef") }] },
        },
      },
      { showValues: true },
    );
    const [first, second] = e.attributes.input as DecodedPayload[];
    expect(first).toMatchObject({ state: "deferred", encoding: "json/plain" });
    expect(first?.value).toBeUndefined();
    expect(first?.size).toBe(JSON.stringify({ big }).length);
    expect(second).toMatchObject({ state: "binary", encoding: "binary/protobuf", size: 6 });
    expect(e.hasDeferred).toBe(true);
    expect(e.summary).toBe("signal nudge");
    // the same event loaded on its own (no inline limit) carries the value
    const full = decodeEvent(
      {
        eventId: "1",
        eventType: "EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED",
        workflowExecutionSignaledEventAttributes: { input: { payloads: [jsonPayload({ big })] } },
      },
      { showValues: true, inlineLimit: Infinity },
    );
    expect((full.attributes.input as DecodedPayload[])[0]?.value).toEqual({ big });
  });

  it("names a timeout failure and its retry state", () => {
    const e = decodeEvent(
      {
        eventId: "9",
        eventType: "EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT",
        activityTaskTimedOutEventAttributes: {
          scheduledEventId: "7",
          retryState: "RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED",
          failure: { message: "activity StartToClose timeout", timeoutFailureInfo: { timeoutType: "TIMEOUT_TYPE_START_TO_CLOSE" } },
        },
      },
      { showValues: true },
      new Map([["7", "send_sms"]]),
    );
    expect(e.activityType).toBe("send_sms");
    expect(e.failure).toMatchObject({ failureKind: "timeout", type: "Timeout", timeoutType: "start to close" });
    expect(e.summary).toContain("send_sms");
  });

  it("computes payload sizes from base64 without decoding", () => {
    expect(base64Size(b64(""))).toBe(0);
    expect(base64Size(b64("a"))).toBe(1);
    expect(base64Size(b64("ab"))).toBe(2);
    expect(base64Size(b64("abc"))).toBe(3);
  });
});
