import { temporal } from "@temporalio/proto";
import { describe, expect, it } from "vitest";
import { decodeEvents } from "./decode";
import { durationJson, timestampJson, toCanonicalJson } from "./proto-json";

const H = temporal.api.history.v1.History;

describe("toCanonicalJson", () => {
  it("writes a decoded history as proto3 JSON: int64 strings, enum names, base64 bytes, RFC 3339 times, duration strings", () => {
    const wire = H.encode(
      H.fromObject({
        events: [
          {
            eventId: 1,
            eventType: temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
            eventTime: { seconds: 1_800_000_000, nanos: 5_000 },
            workflowExecutionStartedEventAttributes: {
              workflowType: { name: "delivery-eta-notice" },
              workflowRunTimeout: { seconds: 120 },
              firstWorkflowTaskBackoff: {},
              input: { payloads: [{ metadata: { encoding: Buffer.from("json/plain") }, data: Buffer.from('{"a":1}') }] },
            },
          },
        ],
      }),
    ).finish();
    const json = toCanonicalJson(H, H.decode(wire), "") as { events: Record<string, unknown>[] };
    const e = json.events[0] as Record<string, unknown>;
    expect(e.eventId).toBe("1");
    expect(e.eventType).toBe("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");
    expect(e.eventTime).toBe("2027-01-15T08:00:00.000005Z");
    const a = e.workflowExecutionStartedEventAttributes as Record<string, unknown>;
    expect(a.workflowRunTimeout).toBe("120s");
    expect(a.firstWorkflowTaskBackoff).toBe("0s");
    expect(a.input).toEqual({
      payloads: [{ metadata: { encoding: Buffer.from("json/plain").toString("base64") }, data: Buffer.from('{"a":1}').toString("base64") }],
    });
    // and the page's decoder reads that form
    const [d] = decodeEvents(json.events, { showValues: true });
    expect(d).toMatchObject({ type: "WorkflowExecutionStarted", time: "2027-01-15T08:00:00.000Z", summary: "delivery-eta-notice" });
  });

  it("formats well-known types like protobuf's JSON mapping", () => {
    expect(timestampJson({ seconds: "0" })).toBe("1970-01-01T00:00:00Z");
    expect(timestampJson({ seconds: "1", nanos: 500_000_000 })).toBe("1970-01-01T00:00:01.5Z");
    expect(durationJson({ seconds: "10" })).toBe("10s");
    expect(durationJson({ seconds: "1", nanos: 250_000_000 })).toBe("1.25s");
    expect(durationJson({})).toBe("0s");
  });
});
