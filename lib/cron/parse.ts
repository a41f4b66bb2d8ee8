// The contract's cron dialect (pegasus-api.md §7): 5 fields, evaluated in UTC, each field made of
// `*`, numbers, comma lists, ranges `a-b` and steps `*/n` or `a-b/n`.
//
// Decisions, kept identical to what the upstream dispatcher accepts so the console never shows a
// preview for an expression the server would refuse:
// - day-of-week is 0-6 with 0 = Sunday; `7` is rejected (with a hint to use 0), as are names
//   (`MON`, `JAN`), `?`, `L`, `W`, `#` and `@hourly` macros;
// - a step needs `*` or a range (`5/15` is rejected; write `5-59/15`);
// - ranges never wrap (`5-1` is rejected);
// - day-of-month and day-of-week: when BOTH fields are restricted (text other than exactly `*`),
//   a day matches if EITHER matches (classic Vixie cron); otherwise both must match.

/** Names of the five fields, in order. */
export const CRON_FIELDS = ["minute", "hour", "dayOfMonth", "month", "dayOfWeek"] as const;
export type CronFieldName = (typeof CRON_FIELDS)[number];

const FIELD_LABEL: Record<CronFieldName, string> = {
  minute: "Minute",
  hour: "Hour",
  dayOfMonth: "Day of month",
  month: "Month",
  dayOfWeek: "Day of week",
};

const FIELD_BOUNDS: Record<CronFieldName, readonly [number, number]> = {
  minute: [0, 59],
  hour: [0, 23],
  dayOfMonth: [1, 31],
  month: [1, 12],
  dayOfWeek: [0, 6],
};

/** One comma-separated item of a field: `*`, `n`, `a-b`, `*\/n` or `a-b/n`, normalised to a stepped range. */
export interface CronPart {
  start: number;
  end: number;
  step: number;
  /** True when the item was written with `*` (alone or stepped). */
  star: boolean;
}

export interface CronField {
  /** The field exactly as written. */
  text: string;
  parts: CronPart[];
  /** Every matching value, ascending, without duplicates. */
  values: number[];
}

export interface CronSchedule {
  expression: string;
  minute: CronField;
  hour: CronField;
  dayOfMonth: CronField;
  month: CronField;
  dayOfWeek: CronField;
  /** Both day fields restricted: a day matches when either matches (see module header). */
  dayOrSemantics: boolean;
}

export interface CronError {
  /** The field at fault, or null when the expression as a whole is malformed (wrong field count). */
  field: CronFieldName | null;
  message: string;
}

export type CronParseResult = { ok: true; schedule: CronSchedule } | { ok: false; errors: CronError[] };

const INTEGER = /^\d+$/;

function parseNumber(field: CronFieldName, raw: string): number | string {
  const [min, max] = FIELD_BOUNDS[field];
  if (!INTEGER.test(raw)) {
    if (/^[a-z]+$/i.test(raw)) return `"${raw}" is a name; use numbers (${min}-${max})`;
    return `"${raw}" is not a whole number`;
  }
  const n = Number(raw);
  if (field === "dayOfWeek" && n === 7) return "7 is not accepted; use 0 for Sunday";
  if (n < min || n > max) return `${n} is out of range ${min}-${max}`;
  return n;
}

function parsePart(field: CronFieldName, item: string): CronPart | string {
  const [min, max] = FIELD_BOUNDS[field];
  if (item === "") return "empty list item (check for doubled or trailing commas)";
  const pieces = item.split("/");
  if (pieces.length > 2) return `"${item}" has more than one "/"`;
  const base = pieces[0] ?? "";
  let step = 1;
  if (pieces.length === 2) {
    const stepText = pieces[1] ?? "";
    if (!INTEGER.test(stepText) || Number(stepText) < 1) return `step in "${item}" must be a whole number of at least 1`;
    step = Number(stepText);
    if (base !== "*" && !base.includes("-")) {
      return `"${item}": a step needs "*" or a range before it (for example */${stepText} or ${base}-${max}/${stepText})`;
    }
  }
  if (base === "*") return { start: min, end: max, step, star: true };
  if (base.includes("-")) {
    const bounds = base.split("-");
    if (bounds.length !== 2 || bounds[0] === "" || bounds[1] === "") return `"${base}" is not a range like a-b`;
    const lo = parseNumber(field, bounds[0] ?? "");
    if (typeof lo === "string") return lo;
    const hi = parseNumber(field, bounds[1] ?? "");
    if (typeof hi === "string") return hi;
    if (lo > hi) return `range ${lo}-${hi} runs backwards (ranges do not wrap around)`;
    return { start: lo, end: hi, step, star: false };
  }
  const n = parseNumber(field, base);
  if (typeof n === "string") return n;
  return { start: n, end: n, step: 1, star: false };
}

function parseField(field: CronFieldName, text: string): CronField | CronError {
  const parts: CronPart[] = [];
  const seen = new Set<number>();
  for (const item of text.split(",")) {
    const part = parsePart(field, item);
    if (typeof part === "string") return { field, message: `${FIELD_LABEL[field]}: ${part}` };
    parts.push(part);
    for (let v = part.start; v <= part.end; v += part.step) seen.add(v);
  }
  return { text, parts, values: [...seen].sort((a, b) => a - b) };
}

/** Parse a 5-field UTC cron expression; every faulty field gets its own message. */
export function parseCron(expression: string): CronParseResult {
  const trimmed = expression.trim();
  if (trimmed === "") return { ok: false, errors: [{ field: null, message: "The cron expression is empty" }] };
  const texts = trimmed.split(/\s+/);
  if (texts.length !== 5) {
    return {
      ok: false,
      errors: [
        {
          field: null,
          message: `Expected 5 fields (minute hour day-of-month month day-of-week), got ${texts.length}`,
        },
      ],
    };
  }
  const errors: CronError[] = [];
  const fields: Partial<Record<CronFieldName, CronField>> = {};
  CRON_FIELDS.forEach((name, i) => {
    const result = parseField(name, texts[i] ?? "");
    if ("message" in result) errors.push(result);
    else fields[name] = result;
  });
  const { minute, hour, dayOfMonth, month, dayOfWeek } = fields;
  if (errors.length > 0 || !minute || !hour || !dayOfMonth || !month || !dayOfWeek) return { ok: false, errors };
  return {
    ok: true,
    schedule: {
      expression: texts.join(" "),
      minute,
      hour,
      dayOfMonth,
      month,
      dayOfWeek,
      dayOrSemantics: dayOfMonth.text !== "*" && dayOfWeek.text !== "*",
    },
  };
}

/** Every error message of an expression joined with "; ", or null when it is valid. */
export function validateCron(expression: string): string | null {
  const result = parseCron(expression);
  return result.ok ? null : result.errors.map((e) => e.message).join("; ");
}
