import { Validator, type OutputUnit, type Schema, type SchemaDraft } from "@cfworker/json-schema";
import { pointerSegments } from "./json-pointer";

/** A JSON Schema problem at a place in the instance. */
export interface SchemaIssue {
  /** Segments of the instance path (object keys, array indexes as strings). */
  path: string[];
  message: string;
  /** True when the problem is the member's key (a property name), not its value. */
  onKey: boolean;
}

type JsonSchemaDocument = Record<string, unknown>;

/**
 * The draft a schema declares with `$schema` (draft-04, -07, 2019-09, 2020-12); 2020-12 when it
 * declares none or one this validator does not know.
 */
export function draftOf(schema: JsonSchemaDocument): SchemaDraft {
  const declared = typeof schema.$schema === "string" ? schema.$schema : "";
  if (/draft-04/.test(declared)) return "4";
  if (/draft-0[67]/.test(declared)) return "7";
  if (/2019-09/.test(declared)) return "2019-09";
  return "2020-12";
}

// @cfworker/json-schema interprets schemas (no eval / new Function), so it runs under our CSP.
const validators = new WeakMap<JsonSchemaDocument, Validator>();
function validatorFor(schema: JsonSchemaDocument): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    // shortCircuit=false: every failing branch is reported, so the best one can be picked below.
    validator = new Validator(schema as Schema, draftOf(schema), false);
    validators.set(schema, validator);
  }
  return validator;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function valueAt(root: unknown, path: readonly string[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isRecord(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

const LITERAL_PARENTS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

/** The schema node a `keywordLocation` names, following local `$ref`s the way the validator did. */
function schemaAt(root: JsonSchemaDocument, keywordLocation: string): unknown {
  const id = typeof root.$id === "string" ? root.$id : null;
  let cur: unknown = root;
  let prev = "";
  for (const seg of pointerSegments(keywordLocation)) {
    if (seg === "$ref" && !LITERAL_PARENTS.has(prev) && isRecord(cur) && typeof cur.$ref === "string") {
      const ref = cur.$ref;
      const local = ref.startsWith("#") ? ref : id && ref.startsWith(`${id}#`) ? ref.slice(id.length) : null;
      cur = local === null ? undefined : valueAt(root, pointerSegments(local));
    } else if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isRecord(cur)) cur = cur[seg];
    else return undefined;
    prev = seg;
  }
  return cur;
}

const parentLocation = (loc: string) => loc.slice(0, loc.lastIndexOf("/"));
const typeName = (v: unknown) =>
  v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "number" && Number.isInteger(v) ? "integer" : typeof v;
const depthOf = (loc: string) => pointerSegments(loc).length;
const list = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(", ");

interface Leaf {
  instanceLocation: string;
  keywordLocation: string;
  keyword: string;
  /** The validator's own message, kept when no better wording applies. */
  error: string;
  onKey: boolean;
}

/**
 * Turns the validator's flat output (every failing keyword, wrappers included) into the leaf
 * problems a person can act on. For `oneOf`/`anyOf` it keeps only the branch the instance most
 * likely meant: branches whose `type` does not even fit are dropped, then the one whose declared
 * properties the instance uses most, then the one with the fewest problems.
 */
function leavesOf(units: OutputUnit[], schema: JsonSchemaDocument, instance: unknown): Leaf[] {
  const raw: Leaf[] = [];
  units.forEach((u, index) => {
    if (u.keyword === "false") {
      // A `false` subschema (additionalProperties: false) reports its own location oddly; attach
      // it under the additionalProperties unit that precedes it and point at the offending key.
      const owner = units[index - 1];
      if (owner)
        raw.push({
          instanceLocation: u.instanceLocation,
          keywordLocation: `${owner.keywordLocation}/false`,
          keyword: "false",
          error: u.error,
          onKey: true,
        });
      return;
    }
    raw.push({ ...u, onKey: u.keywordLocation.includes("/propertyNames/") || u.keyword === "propertyNames" });
  });
  // The same keyword path repeats for sibling values, so a unit is identified by both locations:
  // a parent's keyword path is a prefix of its child's, and its instance is the child's or an ancestor.
  const id = (kw: string, inst: string) => `${kw}\u0000${inst}`;
  const ancestors = (loc: string) => {
    const out: string[] = [];
    for (let cur = parentLocation(loc); cur.length > 1; cur = parentLocation(cur)) out.push(cur);
    return out;
  };
  const parents = new Set<string>();
  for (const l of raw) {
    const instances = [l.instanceLocation, ...ancestors(l.instanceLocation), "#"];
    for (const kw of ancestors(l.keywordLocation)) for (const inst of instances) parents.add(id(kw, inst));
  }
  const within = (l: Leaf, kwPrefix: string, inst: string) =>
    l.keywordLocation.startsWith(kwPrefix) && (l.instanceLocation === inst || l.instanceLocation.startsWith(`${inst}/`));
  let leaves = raw.filter((l) => !parents.has(id(l.keywordLocation, l.instanceLocation)));
  const alternatives = raw.filter(
    (l) => (l.keyword === "oneOf" || l.keyword === "anyOf") && parents.has(id(l.keywordLocation, l.instanceLocation)),
  );
  alternatives.sort((a, b) => b.keywordLocation.length - a.keywordLocation.length);
  for (const alt of alternatives) {
    const prefix = `${alt.keywordLocation}/`;
    const branches = new Map<string, Leaf[]>();
    for (const l of leaves) {
      if (!within(l, prefix, alt.instanceLocation)) continue;
      const branch = l.keywordLocation.slice(prefix.length).split("/")[0] ?? "";
      branches.set(branch, [...(branches.get(branch) ?? []), l]);
    }
    if (branches.size === 0) continue;
    const here = valueAt(instance, pointerSegments(alt.instanceLocation));
    const keys = isRecord(here) ? Object.keys(here) : [];
    const scored = [...branches.entries()]
      .filter(([, ls]) => !ls.some((l) => l.keyword === "type" && l.instanceLocation === alt.instanceLocation))
      .map(([branch, ls]) => {
        const branchSchema = schemaAt(schema, `${prefix}${branch}`);
        const resolved =
          isRecord(branchSchema) && typeof branchSchema.$ref === "string" ? schemaAt(schema, `${prefix}${branch}/$ref`) : branchSchema;
        const props = isRecord(resolved) && isRecord(resolved.properties) ? resolved.properties : {};
        const uses = keys.filter((k) => k in props).length;
        return { ls, uses, count: ls.length, depth: Math.max(...ls.map((l) => depthOf(l.instanceLocation))) };
      })
      .sort((a, b) => b.uses - a.uses || a.count - b.count || b.depth - a.depth);
    const keep = new Set<Leaf>();
    if (scored[0]) for (const l of scored[0].ls) keep.add(l);
    else {
      // No alternative even has the right type: say which types would do.
      const types = [...branches.values()]
        .flat()
        .filter((l) => l.keyword === "type")
        .map((l) => schemaAt(schema, l.keywordLocation))
        .flatMap((t) => (Array.isArray(t) ? t : [t]));
      keep.add({
        ...alt,
        keyword: "type",
        error: `expected ${[...new Set(types.map(String))].join(" or ")}, got ${typeName(here)}`,
        onKey: false,
      });
    }
    leaves = leaves.filter((l) => !within(l, prefix, alt.instanceLocation)).concat([...keep]);
  }
  return leaves;
}

function describe(leaf: Leaf, schema: JsonSchemaDocument, instance: unknown): string {
  const path = pointerSegments(leaf.instanceLocation);
  const value = valueAt(instance, path);
  const rule = schemaAt(schema, leaf.keywordLocation);
  const owner = schemaAt(schema, parentLocation(leaf.keywordLocation));
  const about = isRecord(owner) && typeof owner.description === "string" && !leaf.onKey ? owner.description : null;
  const key = path[path.length - 1] ?? "";
  switch (leaf.keyword) {
    case "false":
      return `property "${key}" is not allowed here`;
    case "pattern":
      if (leaf.onKey) return `property name "${key}" must match /${String(rule)}/`;
      return about ? `${JSON.stringify(value)} is not valid here: ${about}` : `${JSON.stringify(value)} does not match /${String(rule)}/`;
    case "minLength":
      return leaf.onKey
        ? "property names may not be empty"
        : `must be at least ${String(rule)} character(s) long${about ? `: ${about}` : ""}`;
    case "enum":
      return Array.isArray(rule) ? `${JSON.stringify(value)} is not one of ${list(rule)}` : leaf.error;
    case "type":
      if (leaf.error.startsWith("expected ")) return leaf.error;
      return `expected ${Array.isArray(rule) ? rule.join(" or ") : String(rule)}, got ${typeName(value)}`;
    case "required": {
      const missing = Array.isArray(rule) && isRecord(value) ? rule.filter((r) => typeof r === "string" && !(r in value)) : [];
      return missing.length ? `missing required ${list(missing)}` : leaf.error;
    }
    case "not":
      if (isRecord(rule) && Array.isArray(rule.required) && Object.keys(rule).length === 1) return `may not combine ${list(rule.required)}`;
      return "matches a shape the schema excludes";
    default:
      return leaf.error;
  }
}

/**
 * Validates a value against a JSON Schema document (the draft it declares) and returns one
 * problem per place, worded for people. Pure; the validator is cached per schema object.
 */
export function validateWithSchema(schema: JsonSchemaDocument, instance: unknown): SchemaIssue[] {
  const result = validatorFor(schema).validate(instance);
  if (result.valid) return [];
  const seen = new Set<string>();
  const issues: SchemaIssue[] = [];
  for (const leaf of leavesOf(result.errors, schema, instance)) {
    const issue = { path: pointerSegments(leaf.instanceLocation), message: describe(leaf, schema, instance), onKey: leaf.onKey };
    const id = JSON.stringify([issue.path, issue.message]);
    if (seen.has(id)) continue;
    seen.add(id);
    issues.push(issue);
  }
  return issues;
}
