import { describe, expect, it } from "vitest";
import { canEverFire, describeCron, matchesMinute, nextFireTimes, parseCron, validateCron } from "./index";

const iso = (dates: Date[]): string[] => dates.map((d) => d.toISOString());

function mustParse(expr: string) {
  const r = parseCron(expr);
  if (!r.ok) throw new Error(`expected ${expr} to parse: ${JSON.stringify(r.errors)}`);
  return r.schedule;
}

describe("parseCron", () => {
  it("expands every operator of the dialect", () => {
    const s = mustParse("*/15 9-17 1,15 1-12/3 1-5");
    expect(s.minute.values).toEqual([0, 15, 30, 45]);
    expect(s.hour.values).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(s.dayOfMonth.values).toEqual([1, 15]);
    expect(s.month.values).toEqual([1, 4, 7, 10]);
    expect(s.dayOfWeek.values).toEqual([1, 2, 3, 4, 5]);
    expect(s.dayOrSemantics).toBe(true);
  });

  it("deduplicates overlapping list items and normalises whitespace", () => {
    const s = mustParse("  0,0,1-3,2   *  * *   * ");
    expect(s.minute.values).toEqual([0, 1, 2, 3]);
    expect(s.expression).toBe("0,0,1-3,2 * * * *");
  });

  it("uses OR semantics only when both day fields are restricted", () => {
    expect(mustParse("0 0 13 * 5").dayOrSemantics).toBe(true);
    expect(mustParse("0 0 13 * *").dayOrSemantics).toBe(false);
    expect(mustParse("0 0 * * 5").dayOrSemantics).toBe(false);
    // `*/1` is text other than `*`, so it counts as restricted (as upstream does).
    expect(mustParse("0 0 */1 * 5").dayOrSemantics).toBe(true);
  });

  it.each([
    ["* * * *", null, "Expected 5 fields (minute hour day-of-month month day-of-week), got 4"],
    ["* * * * * *", null, "got 6"],
    ["", null, "empty"],
    ["60 * * * *", "minute", "Minute: 60 is out of range 0-59"],
    ["* 24 * * *", "hour", "Hour: 24 is out of range 0-23"],
    ["* * 0 * *", "dayOfMonth", "Day of month: 0 is out of range 1-31"],
    ["* * 32 * *", "dayOfMonth", "Day of month: 32 is out of range 1-31"],
    ["* * * 13 *", "month", "Month: 13 is out of range 1-12"],
    ["* * * 0 *", "month", "Month: 0 is out of range 1-12"],
    ["* * * * 7", "dayOfWeek", "Day of week: 7 is not accepted; use 0 for Sunday"],
    ["* * * * 1-7", "dayOfWeek", "use 0 for Sunday"],
    ["* * * * MON", "dayOfWeek", 'Day of week: "MON" is a name; use numbers (0-6)'],
    ["* * * JAN *", "month", "is a name"],
    ["5/15 * * * *", "minute", 'a step needs "*" or a range before it (for example */15 or 5-59/15)'],
    ["*/0 * * * *", "minute", 'step in "*/0" must be a whole number of at least 1'],
    ["*/x * * * *", "minute", "must be a whole number"],
    ["*/5/2 * * * *", "minute", "more than one"],
    ["5-1 * * * *", "minute", "range 5-1 runs backwards"],
    ["1,,2 * * * *", "minute", "empty list item"],
    ["1, * * * *", "minute", "empty list item"],
    ["? * * * *", "minute", "not a whole number"],
    ["* * L * *", "dayOfMonth", "is a name"],
    ["1-2-3 * * * *", "minute", "not a range"],
    ["-1 * * * *", "minute", "not a range"],
  ])("rejects %j with a located message", (expr, field, message) => {
    const r = parseCron(expr);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.field).toBe(field);
    expect(r.errors[0]?.message).toContain(message);
  });

  it("reports every faulty field, not just the first", () => {
    const r = parseCron("60 24 * * 7");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(["minute", "hour", "dayOfWeek"]);
    expect(validateCron("60 24 * * 7")).toContain("Minute: 60");
    expect(validateCron("*/5 * * * *")).toBeNull();
  });
});

describe("nextFireTimes", () => {
  const from = new Date("2026-06-30T14:02:11.120Z");

  it("starts strictly after `from` and steps by minutes", () => {
    expect(iso(nextFireTimes("*/5 * * * *", from, 3))).toEqual([
      "2026-06-30T14:05:00.000Z",
      "2026-06-30T14:10:00.000Z",
      "2026-06-30T14:15:00.000Z",
    ]);
    // Exactly on a fire time: that one is not "next".
    expect(iso(nextFireTimes("*/5 * * * *", new Date("2026-06-30T14:05:00.000Z"), 1))).toEqual(["2026-06-30T14:10:00.000Z"]);
  });

  it("every minute crosses hours, days, months and years", () => {
    expect(iso(nextFireTimes("* * * * *", new Date("2026-12-31T23:58:30Z"), 3))).toEqual([
      "2026-12-31T23:59:00.000Z",
      "2027-01-01T00:00:00.000Z",
      "2027-01-01T00:01:00.000Z",
    ]);
  });

  it("daily at 02:00 rolls to the next day once past", () => {
    expect(iso(nextFireTimes("0 2 * * *", from, 2))).toEqual(["2026-07-01T02:00:00.000Z", "2026-07-02T02:00:00.000Z"]);
  });

  it("weekdays at 09:30 skip the weekend (2026-07-04 is a Saturday)", () => {
    expect(iso(nextFireTimes("30 9 * * 1-5", new Date("2026-07-02T10:00:00Z"), 3))).toEqual([
      "2026-07-03T09:30:00.000Z",
      "2026-07-06T09:30:00.000Z",
      "2026-07-07T09:30:00.000Z",
    ]);
  });

  it("applies OR semantics: the 13th OR any Friday", () => {
    // July 2026: Fridays are 3, 10, 17; the 13th is a Monday.
    expect(iso(nextFireTimes("0 0 13 * 5", new Date("2026-07-01T00:00:00Z"), 4))).toEqual([
      "2026-07-03T00:00:00.000Z",
      "2026-07-10T00:00:00.000Z",
      "2026-07-13T00:00:00.000Z",
      "2026-07-17T00:00:00.000Z",
    ]);
  });

  it("applies AND semantics when only one day field is restricted", () => {
    expect(iso(nextFireTimes("0 0 13 * *", new Date("2026-07-01T00:00:00Z"), 2))).toEqual([
      "2026-07-13T00:00:00.000Z",
      "2026-08-13T00:00:00.000Z",
    ]);
  });

  it("skips months without the day (31st) and finds leap days years ahead", () => {
    expect(iso(nextFireTimes("0 0 31 * *", new Date("2026-04-01T00:00:00Z"), 3))).toEqual([
      "2026-05-31T00:00:00.000Z",
      "2026-07-31T00:00:00.000Z",
      "2026-08-31T00:00:00.000Z",
    ]);
    expect(iso(nextFireTimes("0 12 29 2 *", new Date("2026-01-01T00:00:00Z"), 2))).toEqual([
      "2028-02-29T12:00:00.000Z",
      "2032-02-29T12:00:00.000Z",
    ]);
    // 2100 is not a leap year: 2096 is followed by 2104.
    expect(iso(nextFireTimes("0 0 29 2 *", new Date("2096-03-01T00:00:00Z"), 1))).toEqual(["2104-02-29T00:00:00.000Z"]);
  });

  it("returns [] for schedules that never fire, quickly", () => {
    const started = performance.now();
    expect(nextFireTimes("0 0 31 2 *", from, 5)).toEqual([]);
    expect(nextFireTimes("0 0 30,31 2 *", from, 5)).toEqual([]);
    expect(nextFireTimes("0 0 31 4,6,9,11 *", from, 5)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(canEverFire(mustParse("0 0 31 2 *"))).toBe(false);
    // With a weekday as well, OR semantics make it fire on Mondays of February.
    expect(canEverFire(mustParse("0 0 31 2 1"))).toBe(true);
    expect(iso(nextFireTimes("0 0 31 2 1", new Date("2027-01-01T00:00:00Z"), 1))).toEqual(["2027-02-01T00:00:00.000Z"]);
  });

  it("is efficient for sparse schedules (no minute-by-minute scan)", () => {
    const started = performance.now();
    const times = nextFireTimes("0 0 1 1 *", new Date("2026-01-01T00:00:00Z"), 50);
    expect(times).toHaveLength(50);
    expect(times[49]?.toISOString()).toBe("2076-01-01T00:00:00.000Z");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("agrees with a brute-force minute scan on a mixed expression", () => {
    const expr = "5,35 */6 1-10 */2 0,3";
    const s = mustParse(expr);
    const start = new Date("2026-01-01T00:00:00Z");
    const brute: string[] = [];
    for (let t = start.getTime() + 60_000; brute.length < 40; t += 60_000) {
      if (matchesMinute(s, new Date(t))) brute.push(new Date(t).toISOString());
    }
    expect(iso(nextFireTimes(expr, start, 40))).toEqual(brute);
  });

  it("handles n <= 0 and throws on an invalid expression", () => {
    expect(nextFireTimes("* * * * *", from, 0)).toEqual([]);
    expect(() => nextFireTimes("61 * * * *", from, 1)).toThrow("Minute: 61 is out of range 0-59");
  });
});

describe("describeCron", () => {
  it.each([
    ["*/5 * * * *", "every 5 minutes, UTC"],
    ["* * * * *", "every minute, UTC"],
    ["0 2 * * *", "at 02:00 every day, UTC"],
    ["30 9 * * 1-5", "at 09:30 on Monday to Friday, UTC"],
    ["15 * * 1,7 *", "every hour at minute 15 in January and July, UTC"],
    ["0 * * * *", "every hour on the hour, UTC"],
    ["0 9,17 * * *", "at 09:00 and 17:00 every day, UTC"],
    ["0 9 * * 1,3,5", "at 09:00 on Monday, Wednesday and Friday, UTC"],
    ["0 0 1 * *", "at 00:00 on day 1 of the month, UTC"],
    ["0 0 1,15 * *", "at 00:00 on days 1 and 15 of the month, UTC"],
    ["0 0 13 * 5", "at 00:00 on day 13 of the month or on Friday, UTC"],
    ["0 */2 * * *", "every 2 hours on the hour, UTC"],
    ["15 */3 * * *", "every 3 hours at minute 15, UTC"],
    ["0 0-23/3 * * *", "every 3 hours from 00:00 to 21:00, UTC"],
    ["0 9-12,14-17 * * 1-5", "every hour from 09:00 to 12:00 and from 14:00 to 17:00 on Monday to Friday, UTC"],
    ["0,30 9-17 * * *", "every hour at minutes 0 and 30, from 09:00 to 17:59, UTC"],
    ["10-20 * * * *", "every hour at minutes 10 to 20, UTC"],
    ["0,30 9 * * *", "at 09:00 and 09:30 every day, UTC"],
    ["*/5 */2 * * *", "every 5 minutes during every 2nd hour, UTC"],
    ["0 0 * * */2", "at 00:00 on Sunday, Tuesday, Thursday and Saturday, UTC"],
    ["0 0 */1 * 5", "at 00:00 every day, UTC"],
    ["59 23 31 12 *", "at 23:59 on day 31 of the month in December, UTC"],
    ["*/10 9-17 * * 1-5", "every 10 minutes from 09:00 to 17:59 on Monday to Friday, UTC"],
    ["0 9-17 * * *", "every hour from 09:00 to 17:00, UTC"],
    ["* 3 * * *", "every minute from 03:00 to 03:59, UTC"],
    ["0 0 1 1-3 *", "at 00:00 on day 1 of the month in January to March, UTC"],
    ["0,30 * * * 0", "every hour at minutes 0 and 30 on Sunday, UTC"],
    ["0 0 */2 * *", "at 00:00 every 2nd day of the month, UTC"],
    ["0 12 * * 0,6", "at 12:00 on Sunday and Saturday, UTC"],
  ])("%s → %s", (expr, text) => {
    expect(describeCron(expr)).toBe(text);
  });

  it("can leave UTC out and reports invalid expressions", () => {
    expect(describeCron("*/5 * * * *", { utc: false })).toBe("every 5 minutes");
    expect(describeCron("* * * * 7")).toBe("Invalid schedule: Day of week: 7 is not accepted; use 0 for Sunday");
  });
});
