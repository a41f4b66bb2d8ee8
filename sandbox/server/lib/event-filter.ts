/**
 * Event trigger filters (§7). v1: a flat object of scalars, shallow strict equality on top-level
 * payload keys. v2: `{path, op, value}` conditions and nestable `{all: [...]}` / `{any: [...]}`
 * groups. `op`, `all` and `any` are reserved top-level keys (they select v2).
 */

export type Scalar = string | number | boolean | null;
export const FILTER_OPS = ["eq", "neq", "gt", "gte", "lt", "lte", "in", "nin", "contains", "exists"] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

const MAX_DEPTH = 10;
const PATH_RE = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;

function isScalar(v: unknown): v is Scalar {
  return v === null || ["string", "number", "boolean"].includes(typeof v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function validateV2(node: unknown, where: string, depth: number): string | null {
  if (depth > MAX_DEPTH) return `${where}: filter nests deeper than ${MAX_DEPTH} levels`;
  if (!isPlainObject(node)) return `${where}: must be an object`;
  const keys = Object.keys(node);
  if ("all" in node || "any" in node) {
    const groupKey = "all" in node ? "all" : "any";
    if (keys.length !== 1) return `${where}: a group must have exactly one key ("all" or "any")`;
    const items = node[groupKey];
    if (!Array.isArray(items) || items.length === 0) return `${where}.${groupKey}: must be a non-empty array`;
    for (let i = 0; i < items.length; i++) {
      const err = validateV2(items[i], `${where}.${groupKey}[${i}]`, depth + 1);
      if (err) return err;
    }
    return null;
  }
  const extra = keys.filter((k) => !["path", "op", "value"].includes(k));
  if (extra.length) return `${where}: unknown key(s) ${extra.join(", ")} in condition`;
  const { path, op, value } = node;
  if (typeof path !== "string" || !PATH_RE.test(path)) return `${where}.path: must be a dot path like "a.b"`;
  if (typeof op !== "string" || !(FILTER_OPS as readonly string[]).includes(op)) {
    return `${where}.op: must be one of ${FILTER_OPS.join(", ")}`;
  }
  switch (op as FilterOp) {
    case "in":
    case "nin":
      if (!Array.isArray(value) || !value.every(isScalar)) return `${where}.value: "${op}" needs an array of scalars`;
      return null;
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      if (typeof value !== "number" && typeof value !== "string") return `${where}.value: "${op}" needs a number or string`;
      return null;
    case "exists":
      if (value !== undefined && typeof value !== "boolean") return `${where}.value: "exists" takes true, false or nothing`;
      return null;
    case "contains":
      if (!isScalar(value)) return `${where}.value: "contains" needs a scalar`;
      return null;
    default:
      if (!isScalar(value)) return `${where}.value: "${op}" needs a scalar`;
      return null;
  }
}

/** Validate a filter (v1 or v2). Returns an error message, or null when valid. `null`/absent means "match all". */
export function validateFilterExpr(filter: unknown): string | null {
  if (filter === null || filter === undefined) return null;
  if (!isPlainObject(filter)) return "filter must be an object";
  if ("op" in filter || "all" in filter || "any" in filter) return validateV2(filter, "filter", 0);
  for (const [k, v] of Object.entries(filter)) {
    if (!isScalar(v)) return `filter.${k}: v1 filters hold scalar values only (use a v2 condition for nested paths)`;
  }
  return null;
}

/** Resolve a dot path (`a.b.0.c`) in a JSON value; undefined when absent. */
export function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const seg of path.split(".")) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
    else if (isPlainObject(cur) && Object.prototype.hasOwnProperty.call(cur, seg)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

function compare(a: unknown, b: unknown): number | null {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

function evalV2(node: Record<string, unknown>, payload: unknown): boolean {
  if (Array.isArray(node.all)) return node.all.every((n) => isPlainObject(n) && evalV2(n, payload));
  if (Array.isArray(node.any)) return node.any.some((n) => isPlainObject(n) && evalV2(n, payload));
  const actual = getPath(payload, String(node.path));
  const value = node.value;
  switch (node.op as FilterOp) {
    case "eq":
      return actual === value;
    case "neq":
      return actual !== value;
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const c = compare(actual, value);
      if (c === null) return false;
      return node.op === "gt" ? c > 0 : node.op === "gte" ? c >= 0 : node.op === "lt" ? c < 0 : c <= 0;
    }
    case "in":
      return Array.isArray(value) && value.some((v) => v === actual);
    case "nin":
      return Array.isArray(value) && !value.some((v) => v === actual);
    case "contains":
      if (typeof actual === "string" && typeof value === "string") return actual.includes(value);
      return Array.isArray(actual) && actual.some((v) => v === value);
    case "exists":
      return (actual !== undefined) === (value === undefined ? true : value === true);
    default:
      return false;
  }
}

/** Evaluate a (valid) filter against an event payload. A null filter matches everything. */
export function matchesFilter(filter: unknown, payload: unknown): boolean {
  if (filter === null || filter === undefined) return true;
  if (!isPlainObject(filter)) return false;
  if ("op" in filter || "all" in filter || "any" in filter) return evalV2(filter, payload);
  if (!isPlainObject(payload)) return Object.keys(filter).length === 0;
  return Object.entries(filter).every(([k, v]) => Object.prototype.hasOwnProperty.call(payload, k) && payload[k] === v);
}
