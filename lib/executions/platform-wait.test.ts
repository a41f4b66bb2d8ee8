import { describe, expect, it } from "vitest";
import { platformWait, QUEUED_NOTICE_AFTER_MS } from "./platform-wait";

const queuedAt = "2026-12-02T10:00:00.000Z";
const t0 = Date.parse(queuedAt);

describe("platformWait", () => {
  it("says a requested cancel is waiting for the platform, with its age", () => {
    const w = platformWait({ status: "RUNNING", queuedAt }, t0 + 1_000, t0 + 13_000);
    expect(w?.kind).toBe("cancel");
    expect(w?.title).toBe("Cancel requested 12 s ago, waiting for the platform.");
  });
  it("leaves the age out when it is unknown or on the server", () => {
    expect(platformWait({ status: "RUNNING", queuedAt }, 0, t0)?.title).toBe("Cancel requested, waiting for the platform.");
    expect(platformWait({ status: "RUNNING", queuedAt }, t0, null)?.title).toBe("Cancel requested, waiting for the platform.");
  });
  it("says a run queued for more than a few seconds is waiting for a runner", () => {
    expect(platformWait({ status: "QUEUED", queuedAt }, null, t0 + QUEUED_NOTICE_AFTER_MS - 1)).toBeNull();
    const w = platformWait({ status: "QUEUED", queuedAt }, null, t0 + 42_000);
    expect(w?.kind).toBe("runner");
    expect(w?.title).toBe("Waiting for a runner (can take about a minute).");
    expect(w?.detail).toContain("Queued for 42 s");
    expect(platformWait({ status: "QUEUED", queuedAt }, null, null)).toBeNull();
  });
  it("says nothing for a closed run, even after a cancel request", () => {
    for (const status of ["COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED"] as const)
      expect(platformWait({ status, queuedAt }, t0, t0 + 60_000)).toBeNull();
    expect(platformWait({ status: "RUNNING", queuedAt }, null, t0 + 600_000)).toBeNull();
  });
});
