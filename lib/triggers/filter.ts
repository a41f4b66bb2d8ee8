// Event-trigger filters (pegasus-api.md §7), in both dialects:
// - v1: a flat object of scalars, shallow strict equality on top-level payload keys;
// - v2: a condition `{path, op, value}` or a group `{all: [...]}` / `{any: [...]}`, nestable.
// A filter object carrying `op`, `all` or `any` at the top is v2; anything else is v1, which is
// why those three keys are reserved. Errors mirror what the server rejects; warnings flag filters
// the server accepts but that can never match or silently ignore part of what was written.

/** The v2 condition operators (contract §7). */
export const FILTER_OPERATORS = ["eq", "neq", "gt", "gte", "lt", "lte", "in", "nin", "contains", "exists"] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
/** Top-level keys that make a filter v2 (so a v1 filter cannot use them). */
export const RESERVED_FILTER_KEYS = ["op", "all", "any"] as const;

export type Scalar = string | number | boolean | null;
export type FilterDialect = "none" | "v1" | "v2";

export interface FilterIssue {
  /** Where in the filter, e.g. `filter.all[1].value`. */
  path: string;
  message: string;
}

export interface FilterValidation {
  ok: boolean;
  dialect: FilterDialect;
  errors: FilterIssue[];
  warnings: FilterIssue[];
}

const OPERATOR_SET: ReadonlySet<string> = new Set(FILTER_OPERATORS);
const FIELD_RULE_KEYS: ReadonlySet<string> = new Set(["path", "op", "value"]);
/** A dot path the API accepts: segments of letters, digits, `_`, `$` and `-`. */
const PATH_PATTERN = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;

/** A JSON object that is not an array or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON scalar: string, number, boolean or null. */
export function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** Which dialect a stored filter uses; null/undefined means no filter. */
export function filterDialect(filter: unknown): FilterDialect {
  if (filter === null || filter === undefined) return "none";
  if (isPlainObject(filter) && RESERVED_FILTER_KEYS.some((k) => k in filter)) return "v2";
  return "v1";
}

function validateRule(node: Record<string, unknown>, at: string, errors: FilterIssue[], warnings: FilterIssue[]): void {
  const path = node["path"];
  if (typeof path !== "string" || path.length === 0) {
    errors.push({ path: `${at}.path`, message: 'A condition needs a non-empty text "path", e.g. "order.status"' });
  } else if (path.split(".").some((s) => s === "")) {
    errors.push({ path: `${at}.path`, message: `"${path}" has an empty segment; write a dot path such as "order.status"` });
  } else if (!PATH_PATTERN.test(path)) {
    errors.push({ path: `${at}.path`, message: `"${path}" may use only letters, digits, "_", "$" and "-" between the dots` });
  }
  const op = node["op"];
  if (typeof op !== "string" || !OPERATOR_SET.has(op)) {
    errors.push({ path: `${at}.op`, message: `"op" must be one of ${FILTER_OPERATORS.join(", ")}` });
    return;
  }
  const value = node["value"];
  if (op === "in" || op === "nin") {
    if (!Array.isArray(value) || !value.every(isScalar)) {
      errors.push({ path: `${at}.value`, message: `Operator "${op}" needs "value" to be a list of text, numbers, booleans or null` });
    } else if (value.length === 0) {
      warnings.push({
        path: `${at}.value`,
        message: op === "in" ? 'An empty "in" list never matches' : 'An empty "nin" list matches every present value',
      });
    }
  } else if (op === "exists") {
    if (value !== undefined && typeof value !== "boolean") {
      errors.push({ path: `${at}.value`, message: 'Operator "exists" takes true, false or no "value"' });
    }
  } else if (!isScalar(value)) {
    errors.push({
      path: `${at}.value`,
      message:
        value === undefined ? `Operator "${op}" needs a "value"` : `Operator "${op}" needs a single text, number, boolean or null "value"`,
    });
  } else if ((op === "gt" || op === "gte" || op === "lt" || op === "lte") && typeof value !== "number") {
    warnings.push({ path: `${at}.value`, message: `"${op}" compares numbers only; a non-number value never matches` });
  } else if (op === "contains" && typeof value !== "string") {
    warnings.push({ path: `${at}.value`, message: '"contains" looks for text inside text; a non-text value never matches' });
  }
  for (const key of Object.keys(node)) {
    // The API refuses a condition with any other key, so the form must too.
    if (!FIELD_RULE_KEYS.has(key))
      errors.push({ path: `${at}.${key}`, message: `"${key}" is not part of a condition (only path, op and value are)` });
  }
}

function validateNode(node: unknown, at: string, errors: FilterIssue[], warnings: FilterIssue[], depth: number): void {
  if (depth > 32) {
    errors.push({ path: at, message: "Groups are nested too deeply" });
    return;
  }
  if (!isPlainObject(node)) {
    errors.push({ path: at, message: "Each condition or group must be an object" });
    return;
  }
  const hasAll = "all" in node;
  const hasAny = "any" in node;
  if (hasAll || hasAny) {
    if (hasAll && hasAny) {
      errors.push({ path: at, message: 'A group has either "all" or "any", not both' });
      return;
    }
    const key = hasAll ? "all" : "any";
    const children = node[key];
    if (!Array.isArray(children) || children.length === 0) {
      errors.push({ path: `${at}.${key}`, message: `"${key}" must be a non-empty list of conditions or groups` });
      return;
    }
    for (const extra of Object.keys(node)) {
      if (extra !== key) warnings.push({ path: `${at}.${extra}`, message: `"${extra}" is ignored in a group` });
    }
    children.forEach((child, i) => validateNode(child, `${at}.${key}[${i}]`, errors, warnings, depth + 1));
    return;
  }
  if ("op" in node) {
    validateRule(node, at, errors, warnings);
    return;
  }
  errors.push({ path: at, message: 'Expected a condition (with "op") or a group ("all" or "any")' });
}

/** Validate a trigger filter of either dialect; every issue names where it is. */
export function validateFilter(filter: unknown, root = "filter"): FilterValidation {
  const errors: FilterIssue[] = [];
  const warnings: FilterIssue[] = [];
  const dialect = filterDialect(filter);
  if (dialect === "none") return { ok: true, dialect, errors, warnings };
  if (!isPlainObject(filter)) {
    errors.push({ path: root, message: "A filter must be a JSON object" });
    return { ok: false, dialect, errors, warnings };
  }
  if (dialect === "v2") {
    // A reserved key used as a plain payload key: say so rather than report a broken condition.
    const plainKeys = Object.keys(filter).some(
      (k) => !(RESERVED_FILTER_KEYS as readonly string[]).includes(k) && k !== "path" && k !== "value",
    );
    const misused = RESERVED_FILTER_KEYS.find((k) =>
      k === "op"
        ? isScalar(filter[k]) && !OPERATOR_SET.has(String(filter[k])) && !("path" in filter)
        : k in filter && isScalar(filter[k]) && plainKeys,
    );
    if (misused) {
      errors.push({
        path: `${root}.${misused}`,
        message: `"${misused}" is reserved for structured filters (op, all, any), so it cannot be a plain key; match it with {"path": "${misused}", "op": "eq", "value": ...}`,
      });
      return { ok: false, dialect, errors, warnings };
    }
    validateNode(filter, root, errors, warnings, 0);
  } else {
    const keys = Object.keys(filter);
    if (keys.length === 0) warnings.push({ path: root, message: "An empty filter matches every event" });
    for (const key of keys) {
      const value = filter[key];
      if (!isScalar(value)) {
        errors.push({
          path: `${root}.${key}`,
          message: `The value of "${key}" must be text, a number, a boolean or null; for nested or list checks use the {"path", "op", "value"} form`,
        });
      }
      if (key.includes(".")) {
        warnings.push({
          path: `${root}.${key}`,
          message: `"${key}" is compared as a top-level key, not a nested path; use {"path": "${key}", "op": "eq", ...} to look inside objects`,
        });
      }
    }
  }
  return { ok: errors.length === 0, dialect, errors, warnings };
}

/** Parse filter JSON text from a form and validate it; blank text means no filter. */
export function parseFilterText(text: string): FilterValidation & { filter: unknown } {
  if (text.trim() === "") return { ok: true, dialect: "none", errors: [], warnings: [], filter: null };
  let filter: unknown;
  try {
    filter = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : "invalid JSON";
    return { ok: false, dialect: "none", errors: [{ path: "filter", message: `Not valid JSON: ${reason}` }], warnings: [], filter: null };
  }
  return { ...validateFilter(filter), filter };
}
