import { describe, expect, it } from "vitest";
import { draftToFilter, filterToDraft, parseValueText, validateDraft } from "@/lib/triggers/filter-builder";
import { describeRunError, executionHref, parseRunInput } from "@/components/workflows/run-input";

describe("filter builder", () => {
  it("types values the way a person means them", () => {
    expect(parseValueText("eq", "IN_TRANSIT")).toBe("IN_TRANSIT");
    expect(parseValueText("gt", "100")).toBe(100);
    expect(parseValueText("eq", "true")).toBe(true);
    expect(parseValueText("eq", '"42"')).toBe("42");
    expect(parseValueText("in", "a, 2, b")).toEqual(["a", 2, "b"]);
    expect(parseValueText("in", '["x", 1]')).toEqual(["x", 1]);
    expect(parseValueText("exists", "")).toBe(true);
    expect(parseValueText("exists", "false")).toBe(false);
  });

  it("builds no filter, one condition, or an all/any group, ignoring blank paths", () => {
    expect(draftToFilter({ join: "all", rows: [{ path: " ", op: "eq", value: "x" }] })).toBeNull();
    expect(draftToFilter({ join: "all", rows: [{ path: "status", op: "eq", value: "IN_TRANSIT" }] })).toEqual({
      path: "status",
      op: "eq",
      value: "IN_TRANSIT",
    });
    expect(
      draftToFilter({
        join: "any",
        rows: [
          { path: "status", op: "eq", value: "IN_TRANSIT" },
          { path: "total", op: "gte", value: "500" },
        ],
      }),
    ).toEqual({
      any: [
        { path: "status", op: "eq", value: "IN_TRANSIT" },
        { path: "total", op: "gte", value: 500 },
      ],
    });
  });

  it("round-trips what it can show and hands the rest to the JSON editor", () => {
    const f = {
      all: [
        { path: "a.b", op: "in", value: ["x", 2] },
        { path: "c", op: "exists", value: true },
      ],
    };
    const d = filterToDraft(f);
    expect(d).not.toBeNull();
    expect(draftToFilter(d ?? { join: "all", rows: [] })).toEqual(f);
    expect(filterToDraft({ status: "IN_TRANSIT" })).toBeNull(); // v1 object
    expect(filterToDraft({ all: [{ any: [] }] })).toBeNull(); // nested group
    expect(filterToDraft(null)).toEqual({ join: "all", rows: [] });
    // A string that looks like a number keeps its quotes so it stays a string.
    expect(draftToFilter(filterToDraft({ path: "zip", op: "eq", value: "01234" }) ?? { join: "all", rows: [] })).toEqual({
      path: "zip",
      op: "eq",
      value: "01234",
    });
  });

  it("validates before sending: filters that can never match are flagged", () => {
    const empty = validateDraft({ join: "all", rows: [{ path: "status", op: "in", value: "" }] });
    expect(empty.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/never matches/)]);
    const gt = validateDraft({ join: "all", rows: [{ path: "total", op: "gt", value: "abc" }] });
    expect(gt.warnings.map((w) => w.message).join(" ")).toMatch(/numbers only/);
    const fine = validateDraft({ join: "all", rows: [{ path: "status", op: "eq", value: "X" }] });
    expect([fine.ok, fine.warnings]).toEqual([true, []]);
  });
});

describe("run form", () => {
  it("accepts a JSON object or blank, and explains anything else", () => {
    expect(parseRunInput("  ")).toEqual({ ok: true, input: {} });
    expect(parseRunInput('{"quoteId": "q-1"}')).toEqual({ ok: true, input: { quoteId: "q-1" } });
    const arr = parseRunInput("[1]");
    expect(arr.ok).toBe(false);
    const bad = parseRunInput("{quoteId: 1}");
    expect(bad.ok ? "" : bad.message).toMatch(/^Not valid JSON/);
  });

  it("words the contract's run errors plainly and links executions by workflow and execution id", () => {
    expect(describeRunError("CONCURRENCY_LIMIT", "x")).toMatch(/Five runs/);
    expect(describeRunError("TEMPORAL_START_FAILED", "x")).toMatch(/could not be started/);
    expect(describeRunError("SOMETHING_NEW", "server says")).toBe("server says");
    expect(executionHref("wf 1", "ex/2")).toBe("/executions/wf%201/ex%2F2");
  });
});
