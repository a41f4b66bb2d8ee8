import { describe, expect, it } from "vitest";
import { failuresOnKey, keyFailureNote, missingKeySummary } from "./missing";

const run = (over: Record<string, unknown>) => ({
  id: "e1",
  workflowId: "w1",
  workflowName: "order-saved-sms",
  workflowVersion: "0.2.0",
  status: "FAILED" as const,
  errorMessage: null as string | null,
  finishedAt: "2026-06-01T10:00:00.000Z" as string | null,
  queuedAt: "2026-06-01T09:59:00.000Z",
  ...over,
});

describe("what the console says about an unset key", () => {
  it("says who declares it and that it is not set, never that runs will fail", () => {
    expect(missingKeySummary({ consumers: [{ type: "workflow", id: "w1", label: "a@1" }] })).toBe("Declared by 1 workflow; not set.");
    expect(
      missingKeySummary({
        consumers: [
          { type: "workflow", id: "w1", label: "a@1" },
          { type: "workflow", id: "w2", label: "b@1" },
          { type: "integration", id: "i", label: "Partner" },
        ],
      }),
    ).toBe("Declared by 2 workflows and 1 integration; not set.");
    expect(missingKeySummary({ consumers: [] })).toBe("Not set.");
    expect(keyFailureNote([])).toBeNull();
  });

  it("names runs that failed on the key, only among its declarers, newest first", () => {
    const runs = [
      run({ id: "old", errorMessage: "ConfigNotFound: QUIET_HOURS (notifications)", finishedAt: "2026-06-01T08:00:00.000Z" }),
      run({ id: "new", status: "TIMED_OUT", errorMessage: "missing config QUIET_HOURS", finishedAt: "2026-06-02T08:00:00.000Z" }),
      run({ id: "other-key", errorMessage: "ConfigNotFound: QUIET_HOURS_START" }),
      run({ id: "other-wf", workflowId: "w9", errorMessage: "ConfigNotFound: QUIET_HOURS" }),
      run({ id: "ok", status: "COMPLETED", errorMessage: "QUIET_HOURS" }),
      run({ id: "no-msg" }),
    ];
    const failures = failuresOnKey("QUIET_HOURS", new Set(["w1"]), runs);
    expect(failures.map((f) => f.executionId)).toEqual(["new", "old"]);
    expect(failures[0]).toMatchObject({ workflowId: "w1", workflow: "order-saved-sms@0.2.0" });
    expect(keyFailureNote(failures)).toBe("2 recent runs of order-saved-sms@0.2.0 failed on this key.");
    expect(keyFailureNote(failures.slice(0, 1))).toBe("1 recent run of order-saved-sms@0.2.0 failed on this key.");
  });
});
