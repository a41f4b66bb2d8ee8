/**
 * The contract's cron dialect (§7): 5 fields, UTC. Per field: `*`, numbers, comma lists, ranges
 * `a-b`, steps `*\/n` and `a-b/n`. Day-of-month and day-of-week follow classic cron: when both are
 * restricted, a day matches if either matches. Day-of-week is 0-6 (0 = Sunday); 7 is refused, as
 * the real API's parser refuses it.
 */

export interface CronSchedule {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>;
  domRestricted: boolean;
  dowRestricted: boolean;
}

export class CronParseError extends Error {
  override name = "CronParseError";
}

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day-of-week", min: 0, max: 6 },
] as const;

function parseNumber(text: string, field: (typeof FIELDS)[number]): number {
  if (!/^\d{1,2}$/.test(text)) throw new CronParseError(`${field.name}: "${text}" is not a number`);
  const n = Number(text);
  if (n < field.min || n > field.max) throw new CronParseError(`${field.name}: ${n} is outside ${field.min}-${field.max}`);
  return n;
}

function parseField(text: string, field: (typeof FIELDS)[number]): { values: Set<number>; restricted: boolean } {
  const values = new Set<number>();
  let restricted = true;
  for (const part of text.split(",")) {
    if (part === "") throw new CronParseError(`${field.name}: empty list item`);
    const [rangeText, stepText, extra] = part.split("/");
    if (extra !== undefined) throw new CronParseError(`${field.name}: "${part}" has more than one "/"`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d{1,2}$/.test(stepText) || Number(stepText) < 1)
        throw new CronParseError(`${field.name}: step "${stepText}" must be a positive number`);
      step = Number(stepText);
    }
    let lo: number;
    let hi: number;
    if (rangeText === "*") {
      lo = field.min;
      hi = field.max;
      if (stepText === undefined && text === "*") restricted = false;
    } else if (rangeText?.includes("-")) {
      const [a, b, more] = rangeText.split("-");
      if (more !== undefined || a === undefined || b === undefined) throw new CronParseError(`${field.name}: bad range "${rangeText}"`);
      lo = parseNumber(a, field);
      hi = parseNumber(b, field);
      if (lo > hi) throw new CronParseError(`${field.name}: range ${lo}-${hi} is reversed`);
    } else {
      if (stepText !== undefined) throw new CronParseError(`${field.name}: a step needs "*" or a range ("${part}")`);
      lo = hi = parseNumber(rangeText ?? "", field);
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return { values, restricted };
}

/** Parse a 5-field UTC cron expression; throws `CronParseError` with a field-specific message. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 || parts[0] === "") {
    throw new CronParseError(
      `cron expression must have 5 fields (minute hour day-of-month month day-of-week), got ${parts[0] === "" ? 0 : parts.length}`,
    );
  }
  const [mi, ho, dom, mo, dow] = parts.map((p, i) => parseField(p, FIELDS[i] as (typeof FIELDS)[number])) as [
    ReturnType<typeof parseField>,
    ReturnType<typeof parseField>,
    ReturnType<typeof parseField>,
    ReturnType<typeof parseField>,
    ReturnType<typeof parseField>,
  ];
  const daysOfWeek = new Set<number>(dow.values);
  return {
    minutes: mi.values,
    hours: ho.values,
    daysOfMonth: dom.values,
    months: mo.values,
    daysOfWeek,
    domRestricted: dom.restricted,
    dowRestricted: dow.restricted,
  };
}

/** Returns an error message, or null when the expression is valid. */
export function validateCron(expression: string): string | null {
  try {
    parseCron(expression);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dom = s.daysOfMonth.has(d.getUTCDate());
  const dow = s.daysOfWeek.has(d.getUTCDay());
  if (s.domRestricted && s.dowRestricted) return dom || dow;
  if (s.domRestricted) return dom;
  if (s.dowRestricted) return dow;
  return true;
}

/** Whether the schedule fires at the minute containing `at` (UTC). */
export function cronMatches(s: CronSchedule, at: Date): boolean {
  return s.minutes.has(at.getUTCMinutes()) && s.hours.has(at.getUTCHours()) && s.months.has(at.getUTCMonth() + 1) && dayMatches(s, at);
}

/** First fire time strictly after `after` (minute precision, UTC), or null if none within 8 years (e.g. `0 0 30 2 *`). */
export function nextFire(s: CronSchedule, after: Date): Date | null {
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  const limit = after.getTime() + 8 * 366 * 24 * 3600 * 1000;
  while (t.getTime() <= limit) {
    if (!s.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(s, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!s.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!s.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return t;
  }
  return null;
}

/** The next `count` fire times after `after`. */
export function nextFires(s: CronSchedule, after: Date, count: number): Date[] {
  const out: Date[] = [];
  let cursor = after;
  while (out.length < count) {
    const n = nextFire(s, cursor);
    if (!n) break;
    out.push(n);
    cursor = n;
  }
  return out;
}
