import { describe, expect, it } from "vitest";
import { countOf } from "./count";

describe("countOf", () => {
  it("uses the singular for exactly one and the plural otherwise", () => {
    expect(countOf(1, "workflow")).toBe("1 workflow");
    expect(countOf(0, "workflow")).toBe("0 workflows");
    expect(countOf(2, "key")).toBe("2 keys");
    expect(countOf(1, "entry", "entries")).toBe("1 entry");
    expect(countOf(3, "entry", "entries")).toBe("3 entries");
    expect(countOf(12000, "event")).toBe("12,000 events");
  });
});
