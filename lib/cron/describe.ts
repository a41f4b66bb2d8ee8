import { parseCron, type CronField, type CronSchedule } from "./parse";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function clock(h: number, m: number): string {
  return `${pad(h)}:${pad(m)}`;
}

function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

/** "a", "a and b", "a, b and c". */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1] ?? ""}`;
}

const isAll = (f: CronField): boolean => f.text === "*";
const single = (f: CronField): number | null => (f.values.length === 1 ? (f.values[0] ?? null) : null);
/** `*\/n`: a star with a step, as the only item. */
function starStep(f: CronField): number | null {
  const p = f.parts[0];
  return f.parts.length === 1 && p && p.star && p.step > 1 ? p.step : null;
}

/** Describe a field's items with names, keeping plain ranges as "X to Y". */
function listItems(f: CronField, name: (n: number) => string): string {
  const words: string[] = [];
  for (const p of f.parts) {
    if (p.step === 1 && p.start !== p.end) words.push(`${name(p.start)} to ${name(p.end)}`);
    else for (let v = p.start; v <= p.end; v += p.step) words.push(name(v));
  }
  return joinWords(words);
}

const hasStar = (f: CronField): boolean => f.parts.some((p) => p.star);
const plainParts = (f: CronField): boolean => f.parts.every((p) => p.step === 1);

/** The hours of a field as windows: "from 09:00 to 17:59 and from 20:00 to 20:59". */
function hourWindows(hour: CronField): string {
  if (!plainParts(hour)) return `during hours ${listItems(hour, (v) => clock(v, 0))}`;
  return hour.parts.map((p) => `from ${clock(p.start, 0)} to ${clock(p.end, 59)}`).join(" and ");
}

function describeTime(s: CronSchedule): string {
  const { minute, hour } = s;
  // A handful of exact times reads best as clock times: "at 09:00 and 17:30".
  if (!hasStar(minute) && !hasStar(hour) && minute.values.length * hour.values.length <= 6) {
    return `at ${joinWords(hour.values.flatMap((h) => minute.values.map((m) => clock(h, m))))}`;
  }
  const minuteStep = starStep(minute);
  const frequency = minuteStep ? `every ${minuteStep} minutes` : isAll(minute) ? "every minute" : null;
  const hourStep = starStep(hour);
  if (frequency) {
    if (isAll(hour)) return frequency;
    if (hourStep) return `${frequency} during every ${ordinal(hourStep)} hour`;
    return `${frequency} ${hourWindows(hour)}`;
  }
  const m = single(minute);
  const at = m === 0 ? "on the hour" : m !== null ? `at minute ${m}` : `at minutes ${listItems(minute, String)}`;
  if (isAll(hour)) return `every hour ${at}`;
  if (hourStep) return `every ${hourStep} hours ${at}`;
  const first = hour.parts[0];
  if (m !== null && hour.parts.length === 1 && first) {
    const span = `from ${clock(first.start, m)} to ${clock(hour.values[hour.values.length - 1] ?? first.end, m)}`;
    return first.step === 1 ? `every hour ${span}` : `every ${first.step} hours ${span}`;
  }
  if (plainParts(hour) && m !== null) {
    return `every hour ${hour.parts.map((p) => (p.start === p.end ? `at ${clock(p.start, m)}` : `from ${clock(p.start, m)} to ${clock(p.end, m)}`)).join(" and ")}`;
  }
  if (plainParts(hour)) return `every hour ${at}, ${hourWindows(hour)}`;
  return `${at} past hours ${listItems(hour, String)}`;
}

function describeDays(s: CronSchedule): string | null {
  const { dayOfMonth: dom, dayOfWeek: dow } = s;
  const domText = (): string => {
    const step = starStep(dom);
    if (step) return `every ${ordinal(step)} day of the month`;
    return `on ${dom.values.length === 1 ? "day" : "days"} ${listItems(dom, String)} of the month`;
  };
  const dowText = (): string => `on ${listItems(dow, (v) => WEEKDAYS[v] ?? String(v))}`;
  const domAll = dom.values.length === 31;
  const dowAll = dow.values.length === 7;
  if (s.dayOrSemantics) {
    // Both restricted: either matches (a restricted-looking field that still covers everything,
    // e.g. `*/1`, makes every day match).
    if (domAll || dowAll) return null;
    return `${domText()} or ${dowText()}`;
  }
  if (!isAll(dom) && !domAll) return domText();
  if (!isAll(dow) && !dowAll) return dowText();
  return null;
}

function describeMonths(f: CronField): string | null {
  if (f.values.length === 12) return null;
  return `in ${listItems(f, (v) => MONTHS[v - 1] ?? String(v))}`;
}

/** Plain-English wording of a parsed schedule, e.g. "at 09:30 on Monday to Friday, UTC". */
export function describeSchedule(s: CronSchedule, options: { utc?: boolean } = {}): string {
  const time = describeTime(s);
  const days = describeDays(s);
  const months = describeMonths(s.month);
  const isClockTime = time.startsWith("at ");
  const pieces = [time];
  if (days) pieces.push(days);
  else if (isClockTime) pieces.push("every day");
  if (months) pieces.push(months);
  const text = pieces.join(" ");
  return options.utc === false ? text : `${text}, UTC`;
}

/** Plain-English wording of a cron expression, or the first parse error prefixed "Invalid schedule:". */
export function describeCron(expression: string, options: { utc?: boolean } = {}): string {
  const parsed = parseCron(expression);
  if (!parsed.ok) return `Invalid schedule: ${parsed.errors[0]?.message ?? "unknown error"}`;
  return describeSchedule(parsed.schedule, options);
}
