/**
 * Rules (pegasus-api.md §9.4): a decision table of forbidden conditions. A rule fires, making the
 * order invalid, when every predicate of its `when` list holds over the derived facts.
 */
import { z } from "zod";
import type { FactType, FactValue, Facts, Predicate, Rule, Scalar, ValidationIssue } from "./types";

const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);

export const predicateSchema = z.strictObject({
  fact: z.string().min(1),
  op: z.enum(["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin"]),
  value: z.union([scalarSchema, z.null(), z.array(scalarSchema)]),
});

export const ruleSchema = z.strictObject({
  id: z.string().min(1),
  description: z.string(),
  field: z.string().min(1),
  message: z.string(),
  sourceRef: z.string().optional(),
  when: z.array(predicateSchema).min(1),
});

export const ruleSetSchema = z.array(ruleSchema);

export interface RuleProblem {
  where: string;
  problem: string;
}

function issuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out === "" ? String(part) : `.${String(part)}`;
  return out === "" ? "(root)" : out;
}

/** Format check; returns the parsed rule set or the problems. */
export function checkRulesFormat(doc: unknown): { rules: Rule[] } | { problems: RuleProblem[] } {
  const parsed = ruleSetSchema.safeParse(doc);
  if (parsed.success) return { rules: parsed.data };
  return { problems: parsed.error.issues.map((i) => ({ where: issuePath(i.path), problem: i.message })) };
}

const ORDERED_OPS = new Set(["gt", "gte", "lt", "lte"]);
const normalizeField = (field: string): string => field.replace(/\[\]/g, "");

function predicateKey(p: Predicate): string {
  const value = Array.isArray(p.value) ? [...p.value].map((v) => JSON.stringify(v)).sort() : p.value;
  return JSON.stringify([p.fact, p.op, value]);
}

/**
 * Static analysis: duplicate ids, non-canonical fields, unknown facts, ordered ops on non-numeric
 * facts, boolean compares on non-boolean facts, list ops without a list, and shadowing (an earlier
 * rule on the same field whose predicates are a subset of a later rule's, so the later one can
 * never add a finding of its own).
 */
export function analyzeRuleSet(
  rules: readonly Rule[],
  canonicalFields: readonly string[],
  factCatalog: Record<string, FactType>,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const fields = new Set(canonicalFields.map(normalizeField));
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const where = rule.id;
    if (seen.has(rule.id)) problems.push({ where, problem: `duplicate rule id "${rule.id}"` });
    seen.add(rule.id);
    if (!fields.has(normalizeField(rule.field))) problems.push({ where, problem: `field "${rule.field}" is not a canonical field` });
    for (const p of rule.when) {
      const type = factCatalog[p.fact];
      if (!Object.hasOwn(factCatalog, p.fact) || type === undefined) {
        problems.push({ where, problem: `unknown fact "${p.fact}"` });
        continue;
      }
      const values: Array<Scalar | null> = Array.isArray(p.value) ? p.value : [p.value];
      if (ORDERED_OPS.has(p.op)) {
        if (type !== "number") problems.push({ where, problem: `ordered operator "${p.op}" on non-numeric fact "${p.fact}" (${type})` });
        else if (typeof p.value !== "number")
          problems.push({ where, problem: `operator "${p.op}" on fact "${p.fact}" needs a number value` });
      }
      if (values.some((v) => typeof v === "boolean") && type !== "boolean") {
        problems.push({ where, problem: `boolean comparison on non-boolean fact "${p.fact}" (${type})` });
      }
      if ((p.op === "in" || p.op === "nin") && !Array.isArray(p.value)) {
        problems.push({ where, problem: `operator "${p.op}" on fact "${p.fact}" needs a list value` });
      }
      if (!(p.op === "in" || p.op === "nin") && Array.isArray(p.value)) {
        problems.push({ where, problem: `operator "${p.op}" on fact "${p.fact}" cannot take a list value` });
      }
    }
    const mine = new Set(rule.when.map(predicateKey));
    for (const earlier of rules.slice(0, index)) {
      if (earlier.id === rule.id || normalizeField(earlier.field) !== normalizeField(rule.field)) continue;
      if (earlier.when.every((p) => mine.has(predicateKey(p)))) {
        problems.push({ where, problem: `shadowed by earlier rule "${earlier.id}" on field "${rule.field}"` });
        break;
      }
    }
  });
  return problems;
}

function holds(p: Predicate, actual: FactValue | undefined): boolean {
  const value: FactValue = actual === undefined ? null : actual;
  switch (p.op) {
    case "eq":
      return value === p.value;
    case "ne":
      return value !== p.value;
    case "gt":
      return typeof value === "number" && typeof p.value === "number" && value > p.value;
    case "gte":
      return typeof value === "number" && typeof p.value === "number" && value >= p.value;
    case "lt":
      return typeof value === "number" && typeof p.value === "number" && value < p.value;
    case "lte":
      return typeof value === "number" && typeof p.value === "number" && value <= p.value;
    case "in":
      return Array.isArray(p.value) && value !== null && p.value.includes(value);
    case "nin":
      return Array.isArray(p.value) && (value === null || !p.value.includes(value));
  }
}

/** Evaluates the rule set; returns one behavioral issue per rule that fires. */
export function evaluateRules(rules: readonly Rule[], facts: Facts): ValidationIssue[] {
  return rules
    .filter((rule) => rule.when.every((p) => holds(p, facts[p.fact])))
    .map((rule) => ({ ruleId: rule.id, field: rule.field, message: rule.message, kind: "behavioral", severity: "error" }));
}
