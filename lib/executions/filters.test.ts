import { describe, expect, it } from "vitest";
import {
  collectExecutionsPage,
  decodeCursor,
  encodeCursor,
  executionDurationMs,
  executionFiltersToSearchParams,
  formatDuration,
  initialCursor,
  isOpen,
  parseExecutionFilters,
  selectWorkflowIds,
} from "./index";

describe("filters in the URL", () => {
  it("round-trips through search params", () => {
    const p = executionFiltersToSearchParams({
      status: ["TIMED_OUT", "FAILED"],
      workflowIds: ["w2", "w1"],
      triggerSource: ["SCHEDULE"],
      dryRun: true,
      from: "2026-06-01T00:00:00.000Z",
      to: "2026-06-02T00:00:00.000Z",
    });
    expect(p.toString()).toBe(
      "status=FAILED%2CTIMED_OUT&workflow=w1%2Cw2&source=SCHEDULE&dryRun=true&from=2026-06-01T00%3A00%3A00.000Z&to=2026-06-02T00%3A00%3A00.000Z",
    );
    const parsed = parseExecutionFilters(p);
    expect(parsed).toEqual({
      ok: true,
      filters: {
        status: ["FAILED", "TIMED_OUT"],
        workflowIds: ["w1", "w2"],
        triggerSource: ["SCHEDULE"],
        dryRun: true,
        from: "2026-06-01T00:00:00.000Z",
        to: "2026-06-02T00:00:00.000Z",
      },
    });
    expect(parseExecutionFilters(new URLSearchParams(""))).toEqual({
      ok: true,
      filters: { status: [], workflowIds: [], triggerSource: [] },
    });
  });

  it("carries workflow names (every version) with their owner, apart from ids", () => {
    const p = executionFiltersToSearchParams({ workflowNames: ["tenant:move-milestone-notifier", "platform:move-milestone-notifier"] });
    expect(p.toString()).toBe("name=platform%3Amove-milestone-notifier%2Ctenant%3Amove-milestone-notifier");
    const parsed = parseExecutionFilters(p);
    expect(parsed.ok && parsed.filters.workflowNames).toEqual(["platform:move-milestone-notifier", "tenant:move-milestone-notifier"]);
    // A cursor made for one name is not accepted for the other owner's copy of it.
    const text = encodeCursor(initialCursor(["a"], { workflowNames: ["tenant:x"] }));
    expect(decodeCursor(text, { workflowNames: ["platform:x"] })).toBeNull();
    expect(decodeCursor(text, { workflowNames: ["tenant:x"] })).not.toBeNull();
  });

  it("selects every version of a named workflow, keeping tenant and platform copies apart", () => {
    const visible = [
      { id: "t1", name: "move-milestone-notifier", visibility: "TENANT" as const },
      { id: "t2", name: "move-milestone-notifier", visibility: "TENANT" as const },
      { id: "g1", name: "move-milestone-notifier", visibility: "GLOBAL" as const },
      { id: "o1", name: "order-saved-sms", visibility: "TENANT" as const },
    ];
    expect(selectWorkflowIds({}, visible)).toBeNull();
    expect(selectWorkflowIds({ workflowNames: ["tenant:move-milestone-notifier"] }, visible)).toEqual(["t1", "t2"]);
    expect(selectWorkflowIds({ workflowNames: ["platform:move-milestone-notifier"] }, visible)).toEqual(["g1"]);
    expect(selectWorkflowIds({ workflowNames: ["tenant:order-saved-sms"], workflowIds: ["g1"] }, visible)).toEqual(["g1", "o1"]);
    // A name nobody can see selects nothing (not everything).
    expect(selectWorkflowIds({ workflowNames: ["tenant:nope"] }, visible)).toEqual([]);
  });

  it("ends at once when no workflow is selected", async () => {
    const page = await collectExecutionsPage({
      cursor: initialCursor([], {}),
      limit: 10,
      fetchPage: () => Promise.reject(new Error("no call expected")),
    });
    expect(page).toEqual({ items: [], cursor: null, scanned: { runs: 0, oldest: null } });
  });

  it.each([
    ["name=move-milestone-notifier", "workflowNames"],
    ["name=tenant:Bad Name", "workflowNames"],
    [`name=${Array.from({ length: 21 }, (_, i) => `tenant:w${i}`).join(",")}`, "workflowNames"],
    ["status=DONE", "status"],
    ["source=CRON", "source"],
    ["dryRun=yes", "dryRun"],
    ["from=yesterday", "from"],
    ["from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z", "to: from must be before to"],
  ])("rejects %s naming the parameter", (query, where) => {
    const r = parseExecutionFilters(new URLSearchParams(query));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(where);
  });
});

describe("status and duration", () => {
  it("knows open statuses", () => {
    expect((["QUEUED", "RUNNING", "COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED"] as const).filter(isOpen)).toEqual(["QUEUED", "RUNNING"]);
  });

  it.each([
    [null, "—"],
    [-5, "—"],
    [0, "0 ms"],
    [850, "850 ms"],
    [4_250, "4.2 s"],
    [59_999, "59 s"],
    [60_000, "1 min"],
    [192_000, "3 min 12 s"],
    [3_600_000, "1 h"],
    [7_500_000, "2 h 5 min"],
    [273_600_000, "3 d 4 h"],
  ])("formats %s ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("measures finished and open runs", () => {
    const e = { queuedAt: "2026-06-01T00:00:00.000Z", startedAt: "2026-06-01T00:00:01.000Z", finishedAt: "2026-06-01T00:00:04.500Z" };
    expect(executionDurationMs(e)).toBe(3500);
    expect(executionDurationMs({ ...e, finishedAt: null })).toBeNull();
    expect(executionDurationMs({ ...e, finishedAt: null }, new Date("2026-06-01T00:01:01.000Z"))).toBe(60_000);
    expect(executionDurationMs({ ...e, startedAt: null })).toBe(4500);
  });
});
