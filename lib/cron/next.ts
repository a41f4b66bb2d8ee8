import { parseCron, type CronSchedule } from "./parse";

const MINUTE_MS = 60_000;

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

function dayMatches(s: CronSchedule, year: number, month1: number, day: number): boolean {
  const dom = s.dayOfMonth.values.includes(day);
  const dow = s.dayOfWeek.values.includes(new Date(Date.UTC(year, month1 - 1, day)).getUTCDay());
  return s.dayOrSemantics ? dom || dow : dom && dow;
}

/** True when the schedule matches at least one day in some year (false e.g. for `0 0 31 2 *`). */
export function canEverFire(s: CronSchedule): boolean {
  // Every month contains every weekday, so a restricted day-of-week always finds a day: with OR
  // semantics directly, and with AND semantics only when day-of-month is `*`.
  if (s.dayOrSemantics) return true;
  // AND semantics: some listed day-of-month must exist in some listed month (Feb counts 29).
  return s.month.values.some((m) => {
    const longest = daysInMonth(2000, m);
    return s.dayOfMonth.values.some((d) => d <= longest);
  });
}

/** Whether a schedule fires in the UTC minute that contains `at`. */
export function matchesMinute(s: CronSchedule, at: Date): boolean {
  return (
    s.minute.values.includes(at.getUTCMinutes()) &&
    s.hour.values.includes(at.getUTCHours()) &&
    s.month.values.includes(at.getUTCMonth() + 1) &&
    dayMatches(s, at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate())
  );
}

/**
 * The next `n` UTC fire times strictly after `from`, for a parsed schedule. Walks months, then
 * days, then the sorted hour and minute lists, so the cost is bounded by the number of calendar
 * days skipped, never by minutes. Returns [] when the schedule can never fire.
 */
export function nextFireTimesOf(s: CronSchedule, from: Date, n: number): Date[] {
  const out: Date[] = [];
  if (n <= 0 || !canEverFire(s) || Number.isNaN(from.getTime())) return out;
  // Start at the first whole minute strictly after `from`.
  let cursor = new Date(Math.floor(from.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  // A firing schedule matches within 8 years (Feb 29 across a skipped leap year is the worst
  // case); 500 years of months is a generous guard against a logic error looping forever.
  let guardMonths = 12 * 500;
  while (out.length < n && guardMonths > 0) {
    const year = cursor.getUTCFullYear();
    const month1 = cursor.getUTCMonth() + 1;
    if (!s.month.values.includes(month1)) {
      cursor = new Date(Date.UTC(year, month1, 1));
      guardMonths--;
      continue;
    }
    const lastDay = daysInMonth(year, month1);
    let day = cursor.getUTCDate();
    let hourFrom = cursor.getUTCHours();
    let minuteFrom = cursor.getUTCMinutes();
    for (; day <= lastDay && out.length < n; day++) {
      if (dayMatches(s, year, month1, day)) {
        for (const h of s.hour.values) {
          if (h < hourFrom || out.length >= n) continue;
          for (const m of s.minute.values) {
            if (h === hourFrom && m < minuteFrom) continue;
            out.push(new Date(Date.UTC(year, month1 - 1, day, h, m)));
            if (out.length >= n) break;
          }
        }
      }
      hourFrom = 0;
      minuteFrom = 0;
    }
    cursor = new Date(Date.UTC(year, month1, 1));
    guardMonths--;
  }
  return out;
}

/** The next `n` UTC fire times of `expression` strictly after `from`; throws on an invalid expression. */
export function nextFireTimes(expression: string, from: Date, n: number): Date[] {
  const parsed = parseCron(expression);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join("; "));
  return nextFireTimesOf(parsed.schedule, from, n);
}
