import { parseCron, type CronField, type CronSchedule } from "./parse";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

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

function describeMinutes(f: CronField): string {
  const step = starStep(f);
  if (step) return `every ${step} minutes`;
  if (isAll(f)) return "every minute";
  const only = single(f);
  if (only !== null) return `at minute ${only}`;
  return `at minutes ${listItems(f, String)}`;
}

function describeTime(s: CronSchedule): string {
  const { minute, hour } = s;
  const m = single(minute);
  const hStep = starStep(hour);
  if (m !== null) {
    if (isAll(hour)) return m === 0 ? "every hour on the hour" : `every hour at minute ${m}`;
    if (hStep) return `every ${hStep} hours at minute ${m}`;
    // A few explicit hours read best as clock times.
    if (hour.values.length <= 6 && hour.parts.every((p) => p.start === p.end)) {
      return `at ${joinWords(hour.values.map((h) => clock(h, m)))}`;
    }
    return `every hour from ${clock(hour.values[0] ?? 0, m)} to ${clock(hour.values[hour.values.length - 1] ?? 0, m)}${
      hour.parts.length === 1 && hour.parts[0]?.step === 1 ? "" : ` (hours ${listItems(hour, String)})`
    }`;
  }
  const minutes = describeMinutes(minute);
  if (isAll(hour)) return minutes;
  if (hStep) return `${minutes} during every ${ordinal(hStep)} hour`;
  const h = single(hour);
  if (h !== null) return `${minutes} from ${clock(h, 0)} to ${clock(h, 59)}`;
  const first = hour.parts[0];
  if (hour.parts.length === 1 && first && first.step === 1) {
    return `${minutes} from ${clock(first.start, 0)} to ${clock(first.end, 59)}`;
  }
  return `${minutes} during hours ${listItems(hour, (v) => clock(v, 0))}`;
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
