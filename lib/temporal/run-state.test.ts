import { describe, expect, it } from "vitest";
import { historyLengthOf, toRunState } from "./run-state";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

// A describe response in its JSON form (as DescribeWorkflowExecutionResponse.toObject writes it).
const DESCRIBE = {
  executionConfig: {
    taskQueue: { name: "pegasus-tenant-runner" },
    workflowExecutionTimeout: { seconds: "120" },
    defaultWorkflowTaskTimeout: { seconds: "10" },
  },
  workflowExecutionInfo: {
    status: "WORKFLOW_EXECUTION_STATUS_RUNNING",
    startTime: { seconds: "1800000000", nanos: 0 },
    historyLength: "8",
  },
  workflowExtendedInfo: { cancelRequested: true },
  pendingActivities: [
    {
      activityId: "1",
      activityType: { name: "send_sms" },
      state: "PENDING_ACTIVITY_STATE_STARTED",
      attempt: 3,
      maximumAttempts: 5,
      lastHeartbeatTime: { seconds: "1800000030", nanos: 0 },
      heartbeatDetails: { payloads: [{ metadata: { encoding: b64("json/plain") }, data: b64('{"sent":2}') }] },
      lastFailure: { message: "gateway 503", applicationFailureInfo: { type: "HTTPError" } },
      nextAttemptScheduleTime: { seconds: "1800000040", nanos: 0 },
    },
  ],
  pendingWorkflowTask: { state: "PENDING_WORKFLOW_TASK_STATE_SCHEDULED", attempt: 4, scheduledTime: { seconds: "1800000001" } },
};

describe("toRunState", () => {
  it("maps a running run with a retrying step, its heartbeat and the run's expiry", () => {
    const s = toRunState(DESCRIBE, { showValues: true });
    expect(s).toMatchObject({
      status: "running",
      historyLength: 8,
      taskQueue: "pegasus-tenant-runner",
      executionTimeoutMs: 120_000,
      workflowTaskTimeoutMs: 10_000,
      cancelRequested: true,
    });
    expect(s.expiresAt).toBe(new Date(1_800_000_120_000).toISOString());
    const [a] = s.pendingActivities;
    expect(a).toMatchObject({
      activityType: "send_sms",
      state: "started",
      attempt: 3,
      maximumAttempts: 5,
      nextAttemptScheduleTime: new Date(1_800_000_040_000).toISOString(),
    });
    expect(a?.lastFailure).toMatchObject({ message: "gateway 503", type: "HTTPError" });
    expect(a?.heartbeatDetails[0]).toMatchObject({ state: "value", value: { sent: 2 } });
    expect(s.pendingWorkflowTask).toMatchObject({ state: "scheduled", attempt: 4 });
  });

  it("hides heartbeat values from readers without workflow:run", () => {
    const s = toRunState(DESCRIBE, { showValues: false });
    expect(s.pendingActivities[0]?.heartbeatDetails[0]).toMatchObject({ state: "hidden", size: 10 });
    expect(JSON.stringify(s)).not.toContain("sent");
  });

  it("reads an empty answer as an unknown, idle run", () => {
    expect(toRunState({}, { showValues: true })).toMatchObject({
      status: "unknown",
      pendingActivities: [],
      pendingWorkflowTask: null,
      expiresAt: null,
      cancelRequested: false,
    });
  });
});

describe("historyLengthOf", () => {
  it("reads the history length of a describe response (the 'of ~y' of a progressive load)", () => {
    expect(historyLengthOf(DESCRIBE)).toBe(8);
    expect(historyLengthOf({ workflowExecutionInfo: { historyLength: "51200" } })).toBe(51_200);
  });

  it("is null when the response has none", () => {
    expect(historyLengthOf({})).toBeNull();
    expect(historyLengthOf(null)).toBeNull();
  });
});
