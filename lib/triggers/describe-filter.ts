import { filterDialect, isPlainObject, isScalar } from "./filter";

/** A filter as a tree of readable conditions, for nested rendering. */
export type FilterDescription =
  | { kind: "none" }
  | { kind: "condition"; text: string }
  | { kind: "group"; mode: "all" | "any"; children: FilterDescription[] }
  | { kind: "invalid"; text: string };

/** A JSON value as a person reads it: text in quotes, numbers and booleans bare, null as "null". */
export function formatFilterValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "nothing";
}

function formatList(values: unknown): string {
  if (!Array.isArray(values)) return formatFilterValue(values);
  if (values.length === 0) return "(an empty list)";
  return values.map(formatFilterValue).join(", ");
}

/** One v2 condition in words, e.g. `amount is at least 100`. */
export function describeCondition(path: string, op: string, value: unknown): string {
  switch (op) {
    case "eq":
      return `${path} is ${formatFilterValue(value)}`;
    case "neq":
      return `${path} is not ${formatFilterValue(value)}`;
    case "gt":
      return `${path} is greater than ${formatFilterValue(value)}`;
    case "gte":
      return `${path} is at least ${formatFilterValue(value)}`;
    case "lt":
      return `${path} is less than ${formatFilterValue(value)}`;
    case "lte":
      return `${path} is at most ${formatFilterValue(value)}`;
    case "in":
      return `${path} is one of ${formatList(value)}`;
    case "nin":
      return `${path} is none of ${formatList(value)}`;
    case "contains":
      return `${path} contains ${formatFilterValue(value)}`;
    case "exists":
      return value === false ? `${path} is absent` : `${path} is present`;
    default:
      return `${path} ${op} ${formatFilterValue(value)} (unknown operator)`;
  }
}

function describeNode(node: unknown, depth: number): FilterDescription {
  if (depth > 32 || !isPlainObject(node)) return { kind: "invalid", text: "an unreadable condition" };
  for (const mode of ["all", "any"] as const) {
    if (mode in node) {
      const children = node[mode];
      if (!Array.isArray(children)) return { kind: "invalid", text: `an unreadable "${mode}" group` };
      return { kind: "group", mode, children: children.map((c) => describeNode(c, depth + 1)) };
    }
  }
  const path = typeof node["path"] === "string" ? node["path"] : "(no path)";
  const op = typeof node["op"] === "string" ? node["op"] : "?";
  return { kind: "condition", text: describeCondition(path, op, node["value"]) };
}

/** The filter of an event trigger as a tree of readable conditions (either dialect). */
export function describeFilterTree(filter: unknown): FilterDescription {
  const dialect = filterDialect(filter);
  if (dialect === "none") return { kind: "none" };
  if (!isPlainObject(filter)) return { kind: "invalid", text: "an unreadable filter" };
  if (dialect === "v2") return describeNode(filter, 0);
  const entries = Object.entries(filter);
  if (entries.length === 0) return { kind: "none" };
  const children: FilterDescription[] = entries.map(([key, value]) =>
    isScalar(value)
      ? { kind: "condition", text: `${key} is ${formatFilterValue(value)}` }
      : { kind: "invalid", text: `${key} has an unreadable value` },
  );
  return children.length === 1 && children[0] ? children[0] : { kind: "group", mode: "all", children };
}

function sentence(d: FilterDescription, nested: boolean): string {
  switch (d.kind) {
    case "none":
      return "";
    case "condition":
    case "invalid":
      return d.text;
    case "group": {
      const parts = d.children.map((c) => sentence(c, true)).filter((s) => s !== "");
      if (parts.length === 0) return "";
      if (parts.length === 1) return parts[0] ?? "";
      const joined = parts.join(d.mode === "all" ? " and " : " or ");
      // Parentheses only where a nested group would otherwise be ambiguous.
      return nested ? `(${joined})` : joined;
    }
  }
}

/** The filter as one sentence, e.g. `status is "DONE" and (amount is at least 100 or vip is true)`; "" when none. */
export function describeFilter(filter: unknown): string {
  return sentence(describeFilterTree(filter), false);
}
