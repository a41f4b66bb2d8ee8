// The trigger form's filter builder model: rows of (path, operator, value text) joined by
// "all" or "any", turned into a v2 filter (contract §7) and back. Filters the rows cannot show
// (nested groups, v1 objects) stay in the JSON editor.
import { FILTER_OPERATORS, isPlainObject, validateFilter, type FilterOperator, type FilterValidation } from "@/lib/triggers";

export interface FilterRow {
  path: string;
  op: FilterOperator;
  value: string;
}

export interface FilterDraft {
  join: "all" | "any";
  rows: FilterRow[];
}

/** Plain words for each operator in the picker. */
export const OPERATOR_LABELS: Record<FilterOperator, string> = {
  eq: "is",
  neq: "is not",
  gt: "is greater than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  in: "is one of",
  nin: "is none of",
  contains: "contains",
  exists: "exists",
};

/** A typed value from what was typed: JSON numbers, booleans, null and arrays stay typed; anything else is text. */
export function parseValueText(op: FilterOperator, text: string): unknown {
  const t = text.trim();
  if (op === "exists") return t === "" ? true : t !== "false" && t !== "no";
  if (op === "in" || op === "nin") {
    if (t.startsWith("[")) {
      try {
        const parsed: unknown = JSON.parse(t);
        if (Array.isArray(parsed)) return parsed;
      } catch {
        // fall through to the comma list
      }
    }
    return t === "" ? [] : t.split(",").map((s) => parseValueText("eq", s));
  }
  if (/^-?\d+(\.\d+)?$/.test(t) || t === "true" || t === "false" || t === "null" || t.startsWith('"')) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return t;
    }
  }
  return t;
}

function valueToText(value: unknown): string {
  if (typeof value === "string") return /^-?\d+(\.\d+)?$|^(true|false|null)$/.test(value) ? JSON.stringify(value) : value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
  return JSON.stringify(value ?? null);
}

/** The filter the rows stand for: null without rows, one condition, or an all/any group. */
export function draftToFilter(draft: FilterDraft): Record<string, unknown> | null {
  const rules = draft.rows
    .filter((r) => r.path.trim() !== "")
    .map((r) => ({ path: r.path.trim(), op: r.op, value: parseValueText(r.op, r.value) }));
  if (rules.length === 0) return null;
  if (rules.length === 1) return rules[0] ?? null;
  return { [draft.join]: rules };
}

/** Rows for a stored filter, or null when the rows cannot show it (edit it as JSON then). */
export function filterToDraft(filter: unknown): FilterDraft | null {
  if (filter === null || filter === undefined) return { join: "all", rows: [] };
  if (!isPlainObject(filter)) return null;
  const asRow = (n: unknown): FilterRow | null => {
    if (!isPlainObject(n) || typeof n["path"] !== "string" || typeof n["op"] !== "string") return null;
    const op = n["op"];
    if (!(FILTER_OPERATORS as readonly string[]).includes(op)) return null;
    return { path: n["path"], op: op as FilterOperator, value: valueToText(n["value"]) };
  };
  const single = asRow(filter);
  if (single) return { join: "all", rows: [single] };
  for (const join of ["all", "any"] as const) {
    const list = filter[join];
    if (Array.isArray(list) && Object.keys(filter).length === 1) {
      const rows = list.map(asRow);
      if (rows.every((r): r is FilterRow => r !== null)) return { join, rows };
    }
  }
  return null;
}

/** Validation of the builder's filter (same rules as the JSON editor). */
export function validateDraft(draft: FilterDraft): FilterValidation & { filter: Record<string, unknown> | null } {
  const filter = draftToFilter(draft);
  return { ...validateFilter(filter), filter };
}
