import { describe, expect, it } from "vitest";
import { matchesFilter, validateFilterExpr } from "../../server/lib/event-filter";

describe("event filter validation", () => {
  it("accepts null, v1 flat scalars and v2 conditions/groups", () => {
    expect(validateFilterExpr(null)).toBeNull();
    expect(validateFilterExpr({ status: "won", count: 2, flag: true, none: null })).toBeNull();
    expect(validateFilterExpr({ path: "a.b", op: "gte", value: 3 })).toBeNull();
    expect(validateFilterExpr({ all: [{ path: "a", op: "in", value: [1, 2] }, { any: [{ path: "b", op: "exists" }] }] })).toBeNull();
  });

  it("rejects bad shapes with a message", () => {
    expect(validateFilterExpr([1])).toMatch(/object/);
    expect(validateFilterExpr("x")).toMatch(/object/);
    expect(validateFilterExpr({ nested: { a: 1 } })).toMatch(/v1 filters hold scalar/);
    expect(validateFilterExpr({ path: "a", op: "like", value: "x" })).toMatch(/op: must be one of/);
    expect(validateFilterExpr({ path: "", op: "eq", value: 1 })).toMatch(/path/);
    expect(validateFilterExpr({ path: "a", op: "in", value: "x" })).toMatch(/array of scalars/);
    expect(validateFilterExpr({ path: "a", op: "gt", value: true })).toMatch(/number or string/);
    expect(validateFilterExpr({ path: "a", op: "eq", value: 1, extra: 1 })).toMatch(/unknown key/);
    expect(validateFilterExpr({ all: [] })).toMatch(/non-empty/);
    expect(validateFilterExpr({ all: [{ path: "a", op: "eq", value: 1 }], any: [] })).toMatch(/exactly one key/);
    let deep: unknown = { path: "a", op: "eq", value: 1 };
    for (let i = 0; i < 12; i++) deep = { all: [deep] };
    expect(validateFilterExpr(deep)).toMatch(/deeper/);
  });
});

describe("event filter evaluation", () => {
  const payload = { status: "won", amount: 120, tags: ["vip", "east"], customer: { tier: "gold", name: "Ann" }, items: [{ sku: "A" }] };

  it("v1: strict shallow equality on top-level keys", () => {
    expect(matchesFilter({ status: "won" }, payload)).toBe(true);
    expect(matchesFilter({ status: "won", amount: 120 }, payload)).toBe(true);
    expect(matchesFilter({ amount: "120" }, payload)).toBe(false);
    expect(matchesFilter({ missing: null }, payload)).toBe(false);
    expect(matchesFilter(null, payload)).toBe(true);
  });

  it("v2: every operator", () => {
    const m = (path: string, op: string, value?: unknown) => matchesFilter({ path, op, value }, payload);
    expect(m("customer.tier", "eq", "gold")).toBe(true);
    expect(m("customer.tier", "neq", "gold")).toBe(false);
    expect(m("amount", "gt", 100)).toBe(true);
    expect(m("amount", "gte", 120)).toBe(true);
    expect(m("amount", "lt", 120)).toBe(false);
    expect(m("amount", "lte", 120)).toBe(true);
    expect(m("amount", "gt", "100")).toBe(false);
    expect(m("status", "in", ["won", "lost"])).toBe(true);
    expect(m("status", "nin", ["won"])).toBe(false);
    expect(m("tags", "contains", "vip")).toBe(true);
    expect(m("customer.name", "contains", "nn")).toBe(true);
    expect(m("items.0.sku", "eq", "A")).toBe(true);
    expect(m("customer.tier", "exists")).toBe(true);
    expect(m("customer.age", "exists", false)).toBe(true);
    expect(m("customer.age", "exists", true)).toBe(false);
  });

  it("v2: nested all/any groups", () => {
    const f = {
      all: [
        { path: "status", op: "eq", value: "won" },
        {
          any: [
            { path: "amount", op: "gt", value: 500 },
            { path: "tags", op: "contains", value: "vip" },
          ],
        },
      ],
    };
    expect(matchesFilter(f, payload)).toBe(true);
    expect(matchesFilter(f, { ...payload, tags: [] })).toBe(false);
  });
});
