/**
 * The publish gate (pegasus-api.md §9.6) and the validator it replays the corpus through.
 * Deterministic and pure: the floor supplies the contract, facts and readable roots; the
 * candidate supplies only the editable parts (mapping, rules, corpus, external projection).
 */
import {
  analyzeMapping,
  applyMapping,
  checkMappingFormat,
  compileMapping,
  inputRootsCheck,
  missingRequiredTargets,
  type MappingProblem,
  type TransformSpec,
} from "./mapping";
import { resolveSchemaPath } from "./json-schema";
import { analyzeRuleSet, checkRulesFormat, evaluateRules } from "./rules";
import type {
  CorpusCase,
  GateFailure,
  GateProblem,
  GateReport,
  GateStage,
  Json,
  JsonObject,
  OrderAction,
  Rule,
  TypeFloor,
  ValidationIssue,
  ValidationResult,
} from "./types";

/** The editable parts of a config the gate judges. */
export interface GateCandidate {
  mapping: unknown;
  rules: unknown;
  corpus: readonly CorpusCase[];
  externalShape?: unknown;
  externalMapping?: unknown;
}

/** A resolved integration: a floor plus compiled mapping, rules and optional external projection. */
export interface IntegrationDefinition {
  integrationId: string;
  displayName: string;
  floor: TypeFloor;
  mapping: TransformSpec;
  rules: Rule[];
  external?: TransformSpec;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const located = (stage: GateStage, list: MappingProblem[]): GateProblem[] =>
  list.map((p) => ({ stage, where: p.where, problem: p.problem }));

function zodPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out === "" ? String(part) : `.${String(part)}`;
  return out === "" ? "(root)" : out;
}

/** Checks a mapped document against the floor contract; returns the structural issues. */
export function structuralIssues(floor: TypeFloor, canonical: unknown): ValidationIssue[] {
  const parsed = floor.structuralContract.safeParse(canonical);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({
    ruleId: "structural",
    field: zodPath(i.path),
    message: i.message,
    kind: "structural",
    severity: "error",
  }));
}

/** Input of the validator: the native order, its optional prior state and the action. */
export interface ValidationInput {
  order: unknown;
  prior?: unknown;
  action?: OrderAction;
}

/**
 * Validates one native order against a definition: map, check the contract, derive facts, run
 * the rules. Fails open: an internal error yields `{valid: true, degraded: true}`.
 */
export function validateWithDefinition(def: IntegrationDefinition, input: ValidationInput): ValidationResult & { canonical: Json | null } {
  let canonical: Json;
  try {
    canonical = applyMapping(def.mapping, input.order);
  } catch {
    return { valid: true, issues: [], degraded: true, canonical: null };
  }
  try {
    const structural = structuralIssues(def.floor, canonical);
    if (structural.length > 0) return { valid: false, issues: structural, degraded: false, canonical };
    let prior: Json | undefined;
    if (input.prior !== undefined && input.prior !== null) {
      const mappedPrior = applyMapping(def.mapping, input.prior);
      prior = structuralIssues(def.floor, mappedPrior).length === 0 ? mappedPrior : undefined;
    }
    const facts = def.floor.deriveFacts(canonical, prior, input.action ?? def.floor.defaultAction);
    const issues = evaluateRules(def.rules, facts);
    return { valid: issues.length === 0, issues, degraded: false, canonical };
  } catch {
    return { valid: true, issues: [], degraded: true, canonical };
  }
}

/** The external body of a canonical document (identity when the definition has no projection). */
export function projectExternal(def: IntegrationDefinition, canonical: Json): Json {
  return def.external ? applyMapping(def.external, canonical) : canonical;
}

const sortedIds = (issues: readonly ValidationIssue[]): string[] => [...new Set(issues.map((i) => i.ruleId))].sort();

/** Runs every stage of the gate for a candidate against a floor and returns the report. */
export function runGate(floor: TypeFloor, candidate: GateCandidate, integrationId = "candidate"): GateReport {
  const problems: GateProblem[] = [];
  const total = candidate.corpus.length;

  // 1–2. mapping format, then static analysis of a well-formed mapping.
  const mappingFormat = located("mapping-format", checkMappingFormat(candidate.mapping));
  problems.push(...mappingFormat);
  const mappingDoc = mappingFormat.length === 0 && isObject(candidate.mapping) ? candidate.mapping : null;
  if (mappingDoc) {
    problems.push(
      ...located(
        "mapping",
        analyzeMapping(mappingDoc, {
          targetSchema: floor.canonicalJsonSchema,
          targetLabel: "canonical",
          checkSource: floor.inputFieldRoots ? inputRootsCheck(floor.inputFieldRoots) : undefined,
        }),
      ),
      ...located("mapping", missingRequiredTargets(mappingDoc, floor.requiredCanonicalFields)),
    );
  }

  // 3–4. rules format, then static analysis.
  const rulesFormat = checkRulesFormat(candidate.rules);
  let rules: Rule[] | null = null;
  if ("problems" in rulesFormat) problems.push(...rulesFormat.problems.map((p) => ({ stage: "rules-format" as const, ...p })));
  else {
    rules = rulesFormat.rules;
    problems.push(...analyzeRuleSet(rules, floor.canonicalFields, floor.factCatalog).map((p) => ({ stage: "rules" as const, ...p })));
  }

  // 5. external projection, only when an external mapping is present.
  let externalDoc: JsonObject | null = null;
  const hasExternal = candidate.externalMapping !== undefined && candidate.externalMapping !== null;
  if (hasExternal) {
    const externalFormat = located("external-mapping-format", checkMappingFormat(candidate.externalMapping));
    problems.push(...externalFormat);
    const shape = isObject(candidate.externalShape) ? candidate.externalShape : null;
    if (!shape)
      problems.push({
        stage: "external-shape",
        where: "externalShape",
        problem: "externalShape (a JSON Schema) is required when externalMapping is present",
      });
    else if (!isObject(shape["properties"]) && !shape["$ref"] && !Array.isArray(shape["anyOf"]) && !Array.isArray(shape["oneOf"])) {
      problems.push({
        stage: "external-shape",
        where: "externalShape",
        problem: 'externalShape must be an object JSON Schema with "properties"',
      });
    }
    if (externalFormat.length === 0 && isObject(candidate.externalMapping)) {
      externalDoc = candidate.externalMapping;
      const canonicalRoot = floor.canonicalJsonSchema;
      if (shape) {
        problems.push(
          ...located(
            "external-mapping",
            analyzeMapping(externalDoc, {
              targetSchema: shape,
              targetLabel: "external",
              checkSource: (keys, text) =>
                keys.length === 0 || resolveSchemaPath(canonicalRoot, keys).length > 0
                  ? null
                  : `reads unknown canonical field "${keys.length === 0 ? text : keys.join(".")}"`,
            }),
          ),
        );
      }
    }
  }

  // 6. stop point: nothing to replay when the mapping, rules or projection failed to parse.
  if (!mappingDoc || !rules || (hasExternal && !externalDoc)) {
    return { ok: false, problems, corpus: { total, passed: 0, failures: [] } };
  }

  // 7. compile.
  const def: IntegrationDefinition = {
    integrationId,
    displayName: integrationId,
    floor,
    mapping: compileMapping(mappingDoc),
    rules,
    external: externalDoc ? compileMapping(externalDoc) : undefined,
  };

  // 8–9. structural round-trip, then behavior, per case.
  const failures: GateFailure[] = [];
  for (const testCase of candidate.corpus) {
    let canonical: Json;
    try {
      canonical = applyMapping(def.mapping, testCase.input.order);
    } catch (error) {
      failures.push({ name: testCase.name, reason: "structural", detail: `mapping threw: ${(error as Error).message}` });
      continue;
    }
    const parsed = floor.structuralContract.safeParse(canonical);
    if (!parsed.success) {
      failures.push({
        name: testCase.name,
        reason: "structural",
        detail: parsed.error.issues.map((i) => ({
          code: i.code,
          path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
          message: i.message,
        })),
      });
      continue;
    }
    if (def.external) {
      try {
        applyMapping(def.external, canonical);
      } catch (error) {
        failures.push({ name: testCase.name, reason: "structural", detail: `external: ${(error as Error).message}` });
        continue;
      }
    }
    const result = validateWithDefinition(def, testCase.input);
    const actual = { valid: result.valid, ruleIds: sortedIds(result.issues), degraded: result.degraded };
    const expectedIds = [...testCase.expected.ruleIds].sort();
    const same =
      !actual.degraded &&
      actual.valid === testCase.expected.valid &&
      actual.ruleIds.length === expectedIds.length &&
      actual.ruleIds.every((id, i) => id === expectedIds[i]);
    if (!same) {
      failures.push({
        name: testCase.name,
        reason: "behavioral",
        detail: "validation outcome did not match the expected corpus result",
        expected: { valid: testCase.expected.valid, ruleIds: expectedIds },
        actual,
      });
    }
  }

  // 10. result.
  return { ok: problems.length === 0 && failures.length === 0, problems, corpus: { total, passed: total - failures.length, failures } };
}
