import { describe, expect, it } from "vitest";
import type { EventType, Trigger } from "@/lib/schemas/trigger";
import {
  describeFilter,
  describeFilterTree,
  describeTrigger,
  eventTypeCatalog,
  eventTypeInfo,
  filterDialect,
  parseFilterText,
  validateFilter,
} from "./index";

const now = new Date("2026-06-30T14:02:11.120Z");

function trigger(over: Partial<Trigger>): Trigger {
  return {
    id: "t-1",
    tenantId: "tenant",
    workflowId: "wf",
    kind: "SCHEDULE",
    eventType: null,
    filter: null,
    cronExpression: null,
    enabled: true,
    createdByUserId: null,
    createdAt: "2026-06-01T00:00:00.000Z",
    updatedAt: "2026-06-01T00:00:00.000Z",
    ...over,
  };
}

function customType(name: string, enabled: boolean): EventType {
  return {
    id: name,
    tenantId: "tenant",
    name,
    description: `${name} happened`,
    payloadSchema: null,
    domainCondition: null,
    enabled,
    createdByUserId: null,
    createdAt: "2026-06-01T00:00:00.000Z",
    updatedAt: "2026-06-01T00:00:00.000Z",
  };
}

describe("filter dialects and validation", () => {
  it("detects the dialect by the reserved keys", () => {
    expect(filterDialect(null)).toBe("none");
    expect(filterDialect(undefined)).toBe("none");
    expect(filterDialect({ a: "x" })).toBe("v1");
    expect(filterDialect({ path: "a", op: "eq", value: 1 })).toBe("v2");
    expect(filterDialect({ all: [] })).toBe("v2");
    expect(filterDialect({ any: [] })).toBe("v2");
  });

  it("accepts valid filters of both dialects", () => {
    for (const f of [
      null,
      { status: "DONE", amount: 3, vip: true, note: null },
      { path: "order.status", op: "eq", value: "DONE" },
      { path: "tags", op: "in", value: ["a", 1, null] },
      { path: "x", op: "exists" },
      { path: "x", op: "exists", value: false },
      {
        all: [
          { path: "a", op: "gte", value: 1 },
          {
            any: [
              { path: "b", op: "contains", value: "z" },
              { path: "c", op: "nin", value: ["q"] },
            ],
          },
        ],
      },
    ]) {
      const r = validateFilter(f);
      expect(r.errors, JSON.stringify(f)).toEqual([]);
      expect(r.ok).toBe(true);
    }
  });

  it.each<[unknown, string, string]>([
    [["a"], "filter", "must be a JSON object"],
    ["text", "filter", "must be a JSON object"],
    [{ a: { b: 1 } }, "filter.a", 'The value of "a" must be text'],
    [{ a: [1] }, "filter.a", 'use the {"path", "op", "value"} form'],
    [{ op: "eq", value: 1 }, "filter.path", 'non-empty text "path"'],
    [{ path: "a", op: "like", value: 1 }, "filter.op", '"op" must be one of eq, neq, gt, gte, lt, lte, in, nin, contains, exists'],
    [{ path: "a", op: "in", value: "x" }, "filter.value", 'Operator "in" needs "value" to be a list'],
    [{ path: "a", op: "nin", value: [{ x: 1 }] }, "filter.value", 'needs "value" to be a list'],
    [{ path: "a", op: "exists", value: "yes" }, "filter.value", '"exists" takes true, false or no "value"'],
    [{ path: "a", op: "eq" }, "filter.value", 'Operator "eq" needs a "value"'],
    [{ path: "a", op: "gt", value: [1] }, "filter.value", "single text, number"],
    [{ all: [] }, "filter.all", '"all" must be a non-empty list'],
    [{ any: "x" }, "filter.any", '"any" must be a non-empty list'],
    [{ all: [{ path: "a", op: "eq", value: 1 }], any: [{ path: "a", op: "eq", value: 1 }] }, "filter", 'either "all" or "any"'],
    [
      { all: [{ path: "a", op: "eq", value: 1 }, { any: [{ path: "b", op: "eq", value: 1 }, "oops"] }] },
      "filter.all[1].any[1]",
      "must be an object",
    ],
    [{ all: [{ path: "a", value: 1 }] }, "filter.all[0]", 'Expected a condition (with "op")'],
  ])("rejects %j at %s", (f, path, message) => {
    const r = validateFilter(f);
    expect(r.ok).toBe(false);
    expect(r.errors[0]?.path).toBe(path);
    expect(r.errors[0]?.message).toContain(message);
  });

  it("explains reserved keys used as plain keys", () => {
    for (const [f, key] of [
      [{ op: "refund", status: "A" }, "op"],
      [{ all: true, status: "A" }, "all"],
      [{ any: "x", b: 1 }, "any"],
    ] as const) {
      const r = validateFilter(f);
      expect(r.ok).toBe(false);
      expect(r.errors[0]?.path).toBe(`filter.${key}`);
      expect(r.errors[0]?.message).toContain(`"${key}" is reserved`);
    }
    expect(validateFilter({ path: "a..b", op: "exists" }).errors[0]?.message).toContain("empty segment");
    expect(validateFilter({ path: "order status", op: "exists" }).errors[0]?.message).toContain("only letters, digits");
    const typo = validateFilter({ path: "a", op: "eq", value: 1, vaule: 2 });
    expect(typo.ok).toBe(false);
    expect(typo.errors[0]).toEqual({ path: "filter.vaule", message: '"vaule" is not part of a condition (only path, op and value are)' });
    // A genuine condition is not mistaken for misuse.
    expect(validateFilter({ path: "a", op: "eq", value: 1 }).ok).toBe(true);
  });

  it("warns about filters that are accepted but can never match or ignore input", () => {
    const warn = (f: unknown) => validateFilter(f).warnings.map((w) => `${w.path}: ${w.message}`);
    expect(warn({ path: "a", op: "gt", value: "5" })[0]).toContain('filter.value: "gt" compares numbers only');
    expect(warn({ path: "a", op: "contains", value: 5 })[0]).toContain("non-text value never matches");
    expect(warn({ path: "a", op: "in", value: [] })[0]).toContain('empty "in" list never matches');
    expect(warn({ "order.status": "DONE" })[0]).toContain("top-level key, not a nested path");
    expect(warn({})[0]).toContain("matches every event");
    expect(validateFilter({ path: "a", op: "gt", value: "5" }).ok).toBe(true);
  });

  it("parses filter text from a form", () => {
    expect(parseFilterText("  ")).toMatchObject({ ok: true, dialect: "none", filter: null });
    expect(parseFilterText('{"a": "x"}')).toMatchObject({ ok: true, dialect: "v1", filter: { a: "x" } });
    const bad = parseFilterText("{a: 1}");
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]?.message).toMatch(/^Not valid JSON/);
  });
});

describe("filter wording", () => {
  it("reads v1 filters as equalities", () => {
    expect(describeFilter({ a: "x" })).toBe('a is "x"');
    expect(describeFilter({ a: "x", n: 3, vip: true, gone: null })).toBe('a is "x" and n is 3 and vip is true and gone is null');
    expect(describeFilter(null)).toBe("");
    expect(describeFilter({})).toBe("");
  });

  it.each([
    ["eq", "DONE", 'status is "DONE"'],
    ["neq", "DONE", 'status is not "DONE"'],
    ["gt", 5, "status is greater than 5"],
    ["gte", 5, "status is at least 5"],
    ["lt", 5, "status is less than 5"],
    ["lte", 5, "status is at most 5"],
    ["in", ["A", "B"], 'status is one of "A", "B"'],
    ["nin", ["A"], 'status is none of "A"'],
    ["contains", "urgent", 'status contains "urgent"'],
    ["exists", undefined, "status is present"],
    ["exists", true, "status is present"],
    ["exists", false, "status is absent"],
  ])("reads op %s", (op, value, text) => {
    expect(describeFilter({ path: "status", op, value })).toBe(text);
  });

  it("reads nested groups with parentheses only where needed", () => {
    const f = {
      all: [
        { path: "order.status", op: "eq", value: "DONE" },
        {
          any: [
            { path: "amount", op: "gte", value: 100 },
            { path: "customer.vip", op: "eq", value: true },
          ],
        },
      ],
    };
    expect(describeFilter(f)).toBe('order.status is "DONE" and (amount is at least 100 or customer.vip is true)');
    expect(describeFilter({ any: [{ path: "a", op: "eq", value: 1 }] })).toBe("a is 1");
    const tree = describeFilterTree(f);
    expect(tree.kind).toBe("group");
    if (tree.kind === "group") {
      expect(tree.mode).toBe("all");
      expect(tree.children[1]).toMatchObject({ kind: "group", mode: "any" });
    }
  });
});

describe("event type catalogue", () => {
  it("groups built-in, integration and enabled custom types", () => {
    const cat = eventTypeCatalog([customType("order.saved", true), customType("alpha.event", true), customType("old.thing", false)]);
    expect(cat.map((g) => g.label)).toEqual(["Built-in", "Integration (pegII)", "Custom"]);
    expect(cat[0]?.items.map((i) => i.name)).toEqual([
      "quote.accepted",
      "move.status_changed",
      "invoice.paid",
      "customer.created",
      "pegasus_event.received",
    ]);
    expect(cat[0]?.items[0]?.label).toBe("Quote accepted");
    expect(cat[1]?.items.map((i) => i.label)).toEqual(["Shipment opened (pegII)", "Shipment closed (pegII)"]);
    expect(cat[2]?.items.map((i) => i.name)).toEqual(["alpha.event", "order.saved"]);
  });

  it("marks disabled or unregistered custom types as unusable", () => {
    expect(eventTypeInfo("old.thing", [customType("old.thing", false)])).toMatchObject({ group: "custom", usable: false });
    expect(eventTypeInfo("nope.event")).toMatchObject({
      group: "custom",
      usable: false,
      description: "Not a registered custom event type",
    });
    expect(eventTypeInfo("invoice.paid")).toMatchObject({ group: "built-in", usable: true, label: "Invoice paid" });
  });
});

describe("describeTrigger", () => {
  it("words a schedule with its next runs", () => {
    const w = describeTrigger(trigger({ cronExpression: "*/5 * * * *" }), { now });
    expect(w.badge).toBe("Schedule");
    expect(w.headline).toBe("every 5 minutes, UTC");
    expect(w.text).toBe("every 5 minutes, UTC — next runs at 2026-06-30 14:05, 2026-06-30 14:10 and 2026-06-30 14:15 (UTC)");
    expect(w.warning).toBeNull();
  });

  it("leaves out next runs without a clock", () => {
    const w = describeTrigger(trigger({ cronExpression: "0 2 * * *" }));
    expect(w).toMatchObject({ text: "at 02:00 every day, UTC", nextRuns: [], warning: null });
  });

  it("says when a schedule never fires, is invalid or disabled", () => {
    const never = describeTrigger(trigger({ cronExpression: "0 0 31 2 *" }), { now });
    expect(never.text).toBe("at 00:00 on day 31 of the month in February, UTC — never fires");
    expect(never.warning).toContain("never fires");
    const invalid = describeTrigger(trigger({ cronExpression: "0 0 * * 7" }), { now });
    expect(invalid.warning).toBe('Invalid schedule "0 0 * * 7": Day of week: 7 is not accepted; use 0 for Sunday');
    const off = describeTrigger(trigger({ cronExpression: "0 2 * * *", enabled: false }), { now });
    expect(off.text).toBe("at 02:00 every day, UTC — disabled");
    expect(off.nextRuns).toEqual([]);
  });

  it("words an event trigger with its conditions", () => {
    const w = describeTrigger(trigger({ kind: "EVENT", eventType: "quote.accepted", filter: { path: "total", op: "gt", value: 1000 } }), {
      now,
    });
    expect(w.text).toBe("When Quote accepted happens, where total is greater than 1000");
    expect(w.conditions).toBe("total is greater than 1000");
    const plain = describeTrigger(trigger({ kind: "EVENT", eventType: "invoice.paid", enabled: false }), { now });
    expect(plain.text).toBe("When Invoice paid happens — disabled");
    expect(plain.conditions).toBeNull();
  });

  it("warns about a custom event type that is not enabled", () => {
    const w = describeTrigger(trigger({ kind: "EVENT", eventType: "order.saved", filter: { a: "x" } }), {
      now,
      customTypes: [customType("order.saved", false)],
    });
    expect(w.text).toBe('When order.saved happens, where a is "x"');
    expect(w.warning).toContain("not a registered, enabled custom event type");
  });
});
