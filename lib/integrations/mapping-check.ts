/** A mapping-format problem found while typing, with the output path it is at. */
export interface MappingIssue {
  where: string;
  problem: string;
}

const COERCIONS = ["toNumber", "toNumberOrNull", "toString", "identity", "toDateOnly", "toIsoDateTime"] as const;
const DIRECTIVE_KEYS = new Set(["$from", "default", "$map", "coerce", "$each"]);
const MAX_DEPTH = 32;
// Dot path segments with optional [n] positions, or "." for the root object.
const PATH = /^(\.|[^.[\]\s]+(\[\d+\])*(\.[^.[\]\s]+(\[\d+\])*)*)$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks a mapping template against the mapping DSL (contract §9.3: the API's mapping schema):
 * leaves are source paths, nested objects or strict directives. Finds format problems only;
 * canonical-field and input-root checks belong to the gate.
 */
export function checkMapping(mapping: unknown): MappingIssue[] {
  const issues: MappingIssue[] = [];
  if (!isRecord(mapping)) return [{ where: "(root)", problem: "a mapping must be an object shaped like the output document" }];
  checkObject(mapping, "", issues, 0);
  return issues;
}

const at = (where: string, key: string) => (where ? `${where}.${key}` : key);
const shown = (where: string) => where || "(root)";

function checkObject(node: Record<string, unknown>, where: string, issues: MappingIssue[], depth: number): void {
  for (const [key, value] of Object.entries(node)) {
    if (key === "") issues.push({ where: shown(where), problem: "output keys may not be empty" });
    else if (key.startsWith("$")) issues.push({ where: at(where, key), problem: `output key "${key}" may not start with "$"` });
    checkNode(value, at(where, key), issues, depth + 1);
  }
}

/**
 * The one mapping rule a JSON Schema cannot state: the nesting limit the gate enforces. Used
 * next to the API's mapping schema, which covers the rest of the grammar.
 */
export function checkMappingDepth(mapping: unknown): MappingIssue[] {
  const deepest = (node: unknown, where: string, depth: number): MappingIssue | null => {
    if (depth > MAX_DEPTH) return { where, problem: `a mapping may nest at most ${MAX_DEPTH} levels` };
    if (!isRecord(node)) return null;
    for (const [key, value] of Object.entries(node)) {
      // A directive's $each template nests at the directive's own level (as in checkNode).
      const found = key === "$each" ? deepest(value, `${where}[]`, depth) : deepest(value, at(where, key), depth + 1);
      if (found) return found;
    }
    return null;
  };
  if (!isRecord(mapping)) return [];
  for (const [key, value] of Object.entries(mapping)) {
    const found = deepest(value, key, 1);
    if (found) return [found];
  }
  return [];
}

function checkNode(node: unknown, where: string, issues: MappingIssue[], depth: number): void {
  if (depth > MAX_DEPTH) {
    issues.push({ where, problem: `a mapping may nest at most ${MAX_DEPTH} levels` });
    return;
  }
  if (typeof node === "string") {
    if (!PATH.test(node)) issues.push({ where, problem: `"${node}" is not a source path (dot path, [n] positions, or ".")` });
    return;
  }
  if (!isRecord(node)) {
    issues.push({ where, problem: "a leaf must be a source path string, a directive or a nested object" });
    return;
  }
  const keys = Object.keys(node);
  const looksLikeDirective = keys.some((k) => k.startsWith("$")) || keys.includes("coerce") || keys.includes("default");
  if (!looksLikeDirective) {
    checkObject(node, where, issues, depth);
    return;
  }
  for (const key of keys) {
    if (!DIRECTIVE_KEYS.has(key))
      issues.push({ where, problem: key.startsWith("$") ? `unknown directive "${key}"` : `unexpected key "${key}" in a directive` });
  }
  const from = node.$from;
  if (from === undefined) issues.push({ where, problem: 'a directive needs "$from"' });
  else if (typeof from === "string") {
    if (!PATH.test(from)) issues.push({ where, problem: `"$from" "${from}" is not a source path` });
  } else if (!Array.isArray(from) || from.length === 0 || from.some((p) => typeof p !== "string")) {
    issues.push({ where, problem: '"$from" must be a path or a non-empty array of paths' });
  }
  if ("$map" in node) {
    const map = node.$map;
    if (!isRecord(map)) issues.push({ where, problem: '"$map" must be an object of source value → scalar' });
    else
      for (const [k, v] of Object.entries(map))
        if (v !== null && typeof v === "object") issues.push({ where, problem: `"$map" entry "${k}" must map to a scalar or null` });
    if ("$each" in node) issues.push({ where, problem: '"$map" cannot be combined with "$each"' });
  }
  if ("coerce" in node && !(COERCIONS as readonly unknown[]).includes(node.coerce)) {
    issues.push({ where, problem: `"coerce" must be one of ${COERCIONS.join(", ")}` });
  }
  if ("$each" in node) {
    if (!isRecord(node.$each)) issues.push({ where, problem: '"$each" must be an object template' });
    else checkObject(node.$each, `${where}[]`, issues, depth);
  }
}

/** Parses JSON text; the error carries a 1-based line when the engine reports a position. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string; line: number | null } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const lineMatch = /line (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : offsetFromSnippet(text, message);
    const line = lineMatch ? Number(lineMatch[1]) : offset !== null ? text.slice(0, offset).split("\n").length : null;
    return { ok: false, message, line };
  }
}

// Node 20 reports some errors with a snippet instead of a position: `Unexpected token '}', ..."ab" is not valid JSON`.
function offsetFromSnippet(text: string, message: string): number | null {
  if (/end of JSON input/.test(message)) return text.length;
  const match = /Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*?)"(\.\.\.)? is not valid JSON/.exec(message);
  if (!match) return null;
  const [, token = "", cut, snippet = ""] = match;
  const start = text.indexOf(snippet);
  if (start < 0) return null;
  // V8 cuts about 10 characters either side of the bad token.
  const within = cut ? snippet.indexOf(token, Math.min(10, snippet.length - 1)) : snippet.indexOf(token);
  return start + Math.max(0, within);
}
