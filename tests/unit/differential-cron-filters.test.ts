// The console and the sandbox each implement cron schedules and trigger filters (they share only
// HTTP, so neither imports the other). This test runs the same inputs through both and fails on any
// disagreement: a trigger the console's form accepts must be one the API accepts, and the fire times
// the console previews must be the ones the scheduler uses. Only a test may import both sides.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextFireTimes, validateCron } from "@/lib/cron";
import { validateFilter } from "@/lib/triggers/filter";
import { nextFires, parseCron as sandboxParseCron, validateCron as sandboxValidateCron } from "../../sandbox/server/lib/cron";
import { validateFilterExpr } from "../../sandbox/server/lib/event-filter";

const SEED = 20261202;

/** Cron fields as people type them, valid and invalid, including edge values and bad syntax. */
function cronField(lo: number, hi: number): fc.Arbitrary<string> {
  const n = fc.integer({ min: lo - 1, max: hi + 1 }).map(String);
  return fc.oneof(
    fc.constant("*"),
    n,
    fc.tuple(n, n).map(([a, b]) => `${a}-${b}`),
    fc.tuple(fc.constantFrom("*", `${lo}-${hi}`), fc.integer({ min: 0, max: hi + 1 })).map(([a, s]) => `${a}/${s}`),
    fc.array(n, { minLength: 2, maxLength: 3 }).map((xs) => xs.join(",")),
    fc.constantFrom("", "?", "L", "a", "1-", "*/", "-1", "1,,2", "01"),
  );
}

const cronExpression = fc
  .tuple(cronField(0, 59), cronField(0, 23), cronField(1, 31), cronField(1, 12), cronField(0, 7))
  .map((fields) => fields.join(" "));

const CRON_CORPUS = [
  "* * * * *",
  "*/15 9-17 * * 1-5",
  "0 0 1 1 *",
  "0 0 29 2 *",
  "0 0 30 2 *",
  "0 12 * * 0",
  "0 12 * * 7",
  "5 4 13 * 5",
  "0 0 31 4,6,9,11 *",
  "0 0 * * *  ",
  "0 0 * *",
  "0 0 * * * *",
  "60 * * * *",
  "* 24 * * *",
  "* * 0 * *",
  "* * * 13 *",
  "* * * * 8",
  "5-1 * * * *",
];

const FROM = new Date(Date.UTC(2026, 10, 30, 23, 58, 30));

describe("cron: console and sandbox agree", () => {
  it.each(CRON_CORPUS)("%j: same verdict and same next fire times", (expression) => {
    const consoleOk = validateCron(expression) === null;
    const sandboxOk = sandboxValidateCron(expression) === null;
    expect(consoleOk, `console ${consoleOk ? "accepts" : "refuses"}, sandbox ${sandboxOk ? "accepts" : "refuses"}`).toBe(sandboxOk);
    if (!consoleOk) return;
    const fromConsole = nextFireTimes(expression, FROM, 5).map((d) => d.toISOString());
    const fromSandbox = nextFires(sandboxParseCron(expression), FROM, 5).map((d) => d.toISOString());
    expect(fromConsole).toEqual(fromSandbox);
  });

  it("agree on generated expressions (fixed seed)", () => {
    let valid = 0;
    fc.assert(
      fc.property(cronExpression, fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }), (expression, at) => {
        const consoleOk = validateCron(expression) === null;
        expect(consoleOk, expression).toBe(sandboxValidateCron(expression) === null);
        if (!consoleOk) return;
        valid++;
        const from = new Date(at);
        expect(
          nextFireTimes(expression, from, 3).map((d) => d.toISOString()),
          expression,
        ).toEqual(nextFires(sandboxParseCron(expression), from, 3).map((d) => d.toISOString()));
      }),
      { seed: SEED, numRuns: 1000 },
    );
    // The generator must exercise the fire-time comparison, not only the refusals.
    expect(valid).toBeGreaterThan(60);
  });
});

const FILTER_CORPUS: unknown[] = [
  {},
  { status: "booked" },
  { status: "booked", amount: 10 },
  { "move.status": "booked" },
  { all: [{ path: "amount", op: "gt", value: 100 }] },
  {
    any: [
      { path: "status", op: "in", value: ["a", "b"] },
      { path: "x", op: "exists", value: true },
    ],
  },
  { all: [{ any: [{ path: "a", op: "eq", value: 1 }] }] },
  { all: [] },
  { any: [] },
  { all: {} },
  { all: [{ path: "a", op: "between", value: 1 }] },
  { all: [{ path: "", op: "eq", value: 1 }] },
  { all: [{ path: "a", op: "in", value: 1 }] },
  { all: [{ path: "a", op: "eq" }] },
  { all: [{ path: "a", op: "eq", value: { nested: true } }] },
  { all: [{ path: "a", op: "eq", value: 1, extra: 1 }] },
  { path: "a", op: "eq", value: 1, vaule: 2 },
  { path: "a..b", op: "exists" },
  { path: "a.b", op: "exists" },
  { path: "order status", op: "exists" },
  { path: "items.0.sku", op: "eq", value: "x" },
  { path: "é", op: "exists" },
  { path: "a", op: "gt", value: "5" },
  { path: "a", op: "contains", value: 5 },
  { path: "a", op: "in", value: [] },
  { path: "a", op: "exists", value: "yes" },
  { "order.status": "DONE" },
  { op: "eq" },
  { status: { $ne: "x" } },
  { status: ["a", "b"] },
  { status: null },
  [],
  "status=booked",
  42,
  null,
];

describe("trigger filters: console and sandbox agree on what is valid", () => {
  it.each(FILTER_CORPUS.map((f) => [JSON.stringify(f), f]))("%s", (_label, filter) => {
    const consoleOk = validateFilter(filter).ok;
    const sandboxOk = validateFilterExpr(filter) === null;
    expect(consoleOk, `console ${consoleOk ? "accepts" : "refuses"}, sandbox says ${String(validateFilterExpr(filter))}`).toBe(sandboxOk);
  });
});
