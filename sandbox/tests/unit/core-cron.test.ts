import { describe, expect, it } from "vitest";
import { cronMatches, nextFire, nextFires, parseCron, validateCron } from "../../server/lib/cron";

const at = (iso: string) => new Date(iso);

describe("cron dialect", () => {
  it("accepts *, numbers, lists, ranges and steps", () => {
    for (const ok of ["* * * * *", "*/5 * * * *", "0 9-17/2 * * 1-5", "0,30 0 1,15 * *", "59 23 31 12 6"]) {
      expect(validateCron(ok), ok).toBeNull();
    }
  });

  it("rejects the wrong field count and out-of-range, reversed or malformed parts", () => {
    expect(validateCron("* * * *")).toMatch(/5 fields/);
    expect(validateCron("* * * * * *")).toMatch(/5 fields/);
    expect(validateCron("60 * * * *")).toMatch(/minute: 60 is outside 0-59/);
    expect(validateCron("* 24 * * *")).toMatch(/hour/);
    expect(validateCron("* * 0 * *")).toMatch(/day-of-month/);
    expect(validateCron("* * * 13 *")).toMatch(/month/);
    expect(validateCron("* * * * 8")).toMatch(/day-of-week/);
    expect(validateCron("5-1 * * * *")).toMatch(/reversed/);
    expect(validateCron("*/0 * * * *")).toMatch(/step/);
    expect(validateCron("5/2 * * * *")).toMatch(/step needs/);
    expect(validateCron("MON * * * *")).toMatch(/not a number/);
    expect(validateCron("1,,2 * * * *")).toMatch(/empty/);
    expect(validateCron("")).toMatch(/5 fields/);
  });

  it("computes next fires in UTC", () => {
    const every5 = parseCron("*/5 * * * *");
    expect(nextFire(every5, at("2026-01-01T10:02:30Z"))?.toISOString()).toBe("2026-01-01T10:05:00.000Z");
    expect(nextFire(every5, at("2026-01-01T10:05:00Z"))?.toISOString()).toBe("2026-01-01T10:10:00.000Z");
    const weekdays9 = parseCron("0 9 * * 1-5");
    // 2026-01-02 is a Friday → next is Monday the 5th.
    expect(nextFire(weekdays9, at("2026-01-02T09:00:00Z"))?.toISOString()).toBe("2026-01-05T09:00:00.000Z");
    expect(nextFires(parseCron("0 0 1 * *"), at("2026-11-15T00:00:00Z"), 3).map((d) => d.toISOString())).toEqual([
      "2026-12-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
      "2027-02-01T00:00:00.000Z",
    ]);
  });

  it("handles leap days, never-firing schedules and refuses 7 for Sunday", () => {
    expect(nextFire(parseCron("0 0 29 2 *"), at("2026-03-01T00:00:00Z"))?.toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(nextFire(parseCron("0 0 30 2 *"), at("2026-01-01T00:00:00Z"))).toBeNull();
    // 2026-01-04 is a Sunday.
    expect(nextFire(parseCron("0 12 * * 0"), at("2026-01-01T00:00:00Z"))?.toISOString()).toBe("2026-01-04T12:00:00.000Z");
    expect(() => parseCron("0 12 * * 7")).toThrow();
  });

  it("ORs day-of-month and day-of-week when both are restricted", () => {
    const s = parseCron("0 0 13 * 5");
    expect(cronMatches(s, at("2026-02-13T00:00:00Z"))).toBe(true); // Friday the 13th
    expect(cronMatches(s, at("2026-01-13T00:00:00Z"))).toBe(true); // a Tuesday, day 13
    expect(cronMatches(s, at("2026-01-09T00:00:00Z"))).toBe(true); // a Friday
    expect(cronMatches(s, at("2026-01-12T00:00:00Z"))).toBe(false);
  });
});
