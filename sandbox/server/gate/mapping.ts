/**
 * The mapping DSL (pegasus-api.md §9.3): format check, static analysis, compile and apply.
 * A mapping has the shape of the output document; each leaf is a source path, a nested object
 * or a directive (`$from`, `default`, `$map`, `coerce`, `$each`).
 */
import { parsePath, pathKeys, readPath, type PathStep } from "./paths";
import { arrayItemSchemas, childSchemas, enumValues } from "./json-schema";
import type { Json, JsonObject } from "./types";

export const COERCIONS = ["toNumber", "toNumberOrNull", "toString", "identity", "toDateOnly", "toIsoDateTime"] as const;
export type Coercion = (typeof COERCIONS)[number];
const DIRECTIVE_KEYS = new Set(["$from", "default", "$map", "coerce", "$each"]);
/** Deepest output nesting a mapping may use (keeps every recursive stage far from the stack limit). */
export const MAX_MAPPING_DEPTH = 32;

/** A located finding of the format check or the static analysis. */
export interface MappingProblem {
  where: string;
  problem: string;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A directive is any object carrying a `$` key; other objects are nested output objects. */
export function isDirective(value: JsonObject): boolean {
  return Object.keys(value).some((k) => k.startsWith("$"));
}

const at = (where: string, key: string): string => (where === "" ? key : `${where}.${key}`);
const shown = (where: string): string => (where === "" ? "(root)" : where);

// ---------------------------------------------------------------------------------------------
// Format check
// ---------------------------------------------------------------------------------------------

/** Checks the document against the DSL grammar; returns every problem found. */
export function checkMappingFormat(doc: unknown): MappingProblem[] {
  const problems: MappingProblem[] = [];
  if (!isObject(doc) || isDirective(doc)) {
    problems.push({ where: "(root)", problem: "a mapping must be an object shaped like the output document" });
    return problems;
  }
  checkObject(doc, "", problems);
  return problems;
}

function checkNode(node: unknown, where: string, problems: MappingProblem[], depth = 0): void {
  if (depth > MAX_MAPPING_DEPTH) {
    problems.push({ where: shown(where), problem: `a mapping may nest at most ${MAX_MAPPING_DEPTH} levels` });
    return;
  }
  if (typeof node === "string") {
    const parsed = parsePath(node);
    if ("error" in parsed) problems.push({ where: shown(where), problem: `invalid source path "${node}": ${parsed.error}` });
    return;
  }
  if (isObject(node)) {
    if (isDirective(node)) checkDirective(node, where, problems, depth);
    else checkObject(node, where, problems, depth);
    return;
  }
  problems.push({ where: shown(where), problem: "a leaf must be a source path string, a directive or a nested object" });
}

function checkObject(node: JsonObject, where: string, problems: MappingProblem[], depth = 0): void {
  for (const [key, value] of Object.entries(node)) {
    if (key.length === 0) problems.push({ where: shown(where), problem: "output keys may not be empty" });
    checkNode(value, at(where, key), problems, depth + 1);
  }
}

function checkDirective(node: JsonObject, where: string, problems: MappingProblem[], depth: number): void {
  const here = shown(where);
  for (const key of Object.keys(node)) {
    if (!DIRECTIVE_KEYS.has(key)) {
      problems.push({
        where: here,
        problem: key.startsWith("$") ? `unknown directive "${key}"` : `unexpected key "${key}" in a directive`,
      });
    }
  }
  const from = node["$from"];
  if (from === undefined) {
    problems.push({ where: here, problem: 'a directive needs "$from"' });
  } else if (typeof from === "string") {
    checkNode(from, where, problems);
  } else if (Array.isArray(from) && from.length > 0 && from.every((p) => typeof p === "string")) {
    for (const p of from) checkNode(p, where, problems);
  } else {
    problems.push({ where: here, problem: '"$from" must be a path or a non-empty array of paths' });
  }
  const map = node["$map"];
  if (map !== undefined) {
    if (!isObject(map)) problems.push({ where: here, problem: '"$map" must be an object of source value → scalar' });
    else
      for (const [k, v] of Object.entries(map)) {
        if (v !== null && typeof v === "object")
          problems.push({ where: here, problem: `"$map" entry "${k}" must map to a scalar or null` });
      }
  }
  const coerce = node["coerce"];
  if (coerce !== undefined && !(typeof coerce === "string" && (COERCIONS as readonly string[]).includes(coerce))) {
    problems.push({ where: here, problem: `"coerce" must be one of ${COERCIONS.join(", ")}` });
  }
  const each = node["$each"];
  if (each !== undefined) checkNode(each, at(where, "$each"), problems, depth + 1);
}

// ---------------------------------------------------------------------------------------------
// Static analysis
// ---------------------------------------------------------------------------------------------

/** What a source read is checked against; returns a problem message, or null when allowed. */
export type SourceCheck = (keys: readonly string[], text: string) => string | null;

/** Options of `analyzeMapping`: the target schema and the rule for legal source reads. */
export interface AnalyzeOptions {
  targetSchema: JsonObject;
  /** Word used in messages: "canonical" or "external". */
  targetLabel: string;
  checkSource?: SourceCheck;
}

/**
 * Static analysis of a well-formed mapping: unknown targets, illegal reads (element-scope reads
 * composed with their `$each` source), `$map` outputs outside the target enum, `$map` + `$each`.
 */
export function analyzeMapping(doc: JsonObject, options: AnalyzeOptions): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const root = options.targetSchema;
  const walkObject = (node: JsonObject, targets: JsonObject[], targetPath: string, scopes: string[][]): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = targetPath === "" ? key : `${targetPath}.${key}`;
      const child = childSchemas(targets, key, root);
      if (child.length === 0) {
        problems.push({ where: path, problem: `maps to unknown ${options.targetLabel} field "${path}"` });
        continue;
      }
      walkNode(value, child, path, scopes);
    }
  };
  const checkRead = (text: string, steps: PathStep[], scopes: string[][], where: string): void => {
    if (!options.checkSource) return;
    for (const scope of scopes) {
      const keys = [...scope, ...pathKeys(steps)];
      const message = options.checkSource(keys, text);
      if (message) problems.push({ where, problem: message });
    }
  };
  const walkNode = (node: Json, targets: JsonObject[], path: string, scopes: string[][]): void => {
    if (typeof node === "string") {
      const parsed = parsePath(node);
      if ("steps" in parsed) checkRead(node, parsed.steps, scopes, path);
      return;
    }
    if (!isObject(node)) return;
    if (!isDirective(node)) {
      walkObject(node, targets, path, scopes);
      return;
    }
    const fromList =
      typeof node["$from"] === "string"
        ? [node["$from"]]
        : Array.isArray(node["$from"])
          ? node["$from"].filter((p): p is string => typeof p === "string")
          : [];
    const parsedFrom = fromList.flatMap((text) => {
      const parsed = parsePath(text);
      return "steps" in parsed ? [{ text, steps: parsed.steps }] : [];
    });
    const each = node["$each"];
    for (const { text, steps } of parsedFrom) {
      // `{"$from": ".", "$each": …}` reads nothing by itself: its element reads are checked below.
      if (each !== undefined && steps.length === 0) continue;
      checkRead(text, steps, scopes, path);
    }
    const map = node["$map"];
    if (map !== undefined && each !== undefined) {
      problems.push({ where: path, problem: '"$map" cannot be combined with "$each"' });
    } else if (isObject(map)) {
      const allowed = enumValues(targets, root);
      if (allowed)
        for (const [k, v] of Object.entries(map)) {
          if (v !== null && !allowed.includes(v))
            problems.push({ where: path, problem: `"$map" output "${String(v)}" (for "${k}") is not an allowed value of "${path}"` });
        }
    }
    if (each !== undefined) {
      const items = arrayItemSchemas(targets, root);
      if (items.length === 0) {
        problems.push({ where: path, problem: `"$each" targets "${path}", which is not an array` });
        return;
      }
      const elementScopes = scopes.flatMap((scope) => parsedFrom.map(({ steps }) => [...scope, ...pathKeys(steps)]));
      walkNode(each, items, `${path}[]`, elementScopes);
    }
  };
  walkObject(doc, [root], "", [[]]);
  return problems;
}

/**
 * Required canonical fields the mapping never writes. A required element field
 * (`shipments[].supplierShipmentId`) is checked only where the mapping builds the elements
 * itself (a `$each` whose body is an object); a copied array is left to the corpus replay.
 */
export function missingRequiredTargets(doc: JsonObject, required: readonly string[]): MappingProblem[] {
  const written = new Set<string>();
  const visit = (node: Json, path: string): void => {
    if (!isObject(node)) return;
    if (isDirective(node)) {
      const each = node["$each"];
      if (isObject(each) && !isDirective(each)) {
        written.add(`${path}[]`);
        visit(each, `${path}[]`);
      }
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      const child = path === "" ? key : `${path}.${key}`;
      written.add(child);
      visit(value, child);
    }
  };
  visit(doc, "");
  return required.flatMap((field) => {
    const cut = field.lastIndexOf("[]");
    const builtHere = cut < 0 || written.has(field.slice(0, cut + 2));
    return builtHere && !written.has(field) ? [{ where: field, problem: `does not map required canonical field "${field}"` }] : [];
  });
}

/** Source rule of a floor: a bare root opens its subtree, a dotted entry only that path. */
export function inputRootsCheck(roots: readonly string[]): SourceCheck {
  const entries = roots.map((r) => r.split("."));
  return (keys, text) => {
    const covered = entries.some((entry) => entry.length <= keys.length && entry.every((part, i) => keys[i] === part));
    if (covered) return null;
    const shownPath = keys.length === 0 ? text : keys.join(".");
    return `reads undeclared input field "${shownPath}"`;
  };
}

// ---------------------------------------------------------------------------------------------
// Compile and apply
// ---------------------------------------------------------------------------------------------

export type CompiledNode =
  | { kind: "path"; steps: PathStep[] }
  | { kind: "object"; fields: Array<[string, CompiledNode]> }
  | {
      kind: "directive";
      from: PathStep[][];
      hasDefault: boolean;
      fallback: Json;
      map?: Record<string, Json>;
      coerce?: Coercion;
      each?: CompiledNode;
    };

/** A compiled mapping: paths parsed once, ready to apply to many documents. */
export interface TransformSpec {
  root: CompiledNode;
}

function stepsOf(text: string): PathStep[] {
  const parsed = parsePath(text);
  if ("error" in parsed) throw new Error(`invalid source path "${text}": ${parsed.error}`);
  return parsed.steps;
}

function compileNode(node: Json): CompiledNode {
  if (typeof node === "string") return { kind: "path", steps: stepsOf(node) };
  if (!isObject(node)) throw new Error("a leaf must be a source path string, a directive or a nested object");
  if (!isDirective(node)) return { kind: "object", fields: Object.entries(node).map(([k, v]) => [k, compileNode(v)]) };
  const from = node["$from"];
  const fromList = typeof from === "string" ? [from] : Array.isArray(from) ? from.map(String) : [];
  const map = node["$map"];
  const coerce = node["coerce"];
  const each = node["$each"];
  return {
    kind: "directive",
    from: fromList.map(stepsOf),
    hasDefault: Object.hasOwn(node, "default"),
    fallback: node["default"] ?? null,
    map: isObject(map) ? map : undefined,
    coerce: typeof coerce === "string" && (COERCIONS as readonly string[]).includes(coerce) ? (coerce as Coercion) : undefined,
    each: each === undefined ? undefined : compileNode(each),
  };
}

/** Compiles a mapping that passed the format check (throws on one that did not). */
export function compileMapping(doc: JsonObject): TransformSpec {
  const problems = checkMappingFormat(doc);
  if (problems.length > 0) throw new Error(`mapping is not well-formed: ${problems[0]?.where}: ${problems[0]?.problem}`);
  return { root: compileNode(doc) };
}

const isPresent = (v: unknown): boolean => v !== undefined && v !== null;

/** Converts what a source read gave into JSON (dropping functions and undefined). */
function toJson(value: unknown): Json {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as Json;
}

function applyNode(node: CompiledNode, input: unknown): Json {
  if (node.kind === "path") return toJson(readPath(input, node.steps));
  if (node.kind === "object") return Object.fromEntries(node.fields.map(([k, child]) => [k, applyNode(child, input)]));
  let value: unknown = undefined;
  for (const steps of node.from) {
    const candidate = readPath(input, steps);
    if (isPresent(candidate)) {
      value = candidate;
      break;
    }
  }
  if (node.each) {
    if (!isPresent(value)) return node.hasDefault ? node.fallback : [];
    const elements: unknown[] = Array.isArray(value) ? value : [value];
    const each = node.each;
    return elements.map((element) => applyNode(each, element));
  }
  let out: unknown;
  if (!isPresent(value)) {
    out = node.hasDefault ? node.fallback : null;
  } else if (node.map) {
    const key = typeof value === "object" ? JSON.stringify(value) : String(value);
    out = Object.hasOwn(node.map, key) ? node.map[key] : value;
  } else {
    out = value;
  }
  return node.coerce ? coerceValue(toJson(out), node.coerce) : toJson(out);
}

/** Applies a compiled mapping to a native document, producing the output document. */
export function applyMapping(spec: TransformSpec, input: unknown): Json {
  return applyNode(spec.root, input);
}

// ---------------------------------------------------------------------------------------------
// Coercions
// ---------------------------------------------------------------------------------------------

const DATE_PREFIX = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$/;
const US_DATE = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/;

interface WallClock {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

/** Reads the wall-clock fields written in a date string; the zone suffix is ignored, never applied. */
function wallClock(value: Json): WallClock | null {
  if (typeof value !== "string") return null;
  let m = DATE_PREFIX.exec(value);
  let parts: WallClock | null = null;
  if (m) parts = { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +(m[4] ?? 0), mi: +(m[5] ?? 0), s: +(m[6] ?? 0) };
  else if ((m = US_DATE.exec(value))) parts = { y: +m[3]!, mo: +m[1]!, d: +m[2]!, h: +(m[4] ?? 0), mi: +(m[5] ?? 0), s: +(m[6] ?? 0) };
  if (!parts) return null;
  const daysInMonth = new Date(Date.UTC(parts.y, parts.mo, 0)).getUTCDate();
  if (parts.mo < 1 || parts.mo > 12 || parts.d < 1 || parts.d > daysInMonth) return null;
  if (parts.h > 23 || parts.mi > 59 || parts.s > 59) return null;
  return parts;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

function toNumberLike(value: Json): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value.replace(/,/g, "").trim());
    return Number.isFinite(n) ? n : null;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  return null;
}

/** Applies one coercion. `toNumber` leaves junk as is (so the contract reports it); the others null it. */
export function coerceValue(value: Json, coercion: Coercion): Json {
  switch (coercion) {
    case "identity":
      return value;
    case "toNumber": {
      if (value === null) return null;
      const n = toNumberLike(value);
      return n === null ? value : n;
    }
    case "toNumberOrNull":
      return value === null ? null : toNumberLike(value);
    case "toString":
      if (value === null) return null;
      return typeof value === "object" ? JSON.stringify(value) : String(value);
    case "toDateOnly": {
      const w = wallClock(value);
      return w ? `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}` : null;
    }
    case "toIsoDateTime": {
      const w = wallClock(value);
      return w ? `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}` : null;
    }
  }
}
