/**
 * Shared types of the integration-config gate (pegasus-api.md §9). Everything in `gate/` is pure:
 * no HTTP, no database, so the same code serves the routes, the seed and the unit tests.
 */
import type { z } from "zod";

/** What a caller is doing with an order; drives action-scoped rules. */
export type OrderAction = "save" | "cancel" | "status-change";
export const ORDER_ACTIONS = ["save", "cancel", "status-change"] as const;

export type FactType = "string" | "number" | "boolean";
export type FactValue = string | number | boolean | null;
export type Facts = Record<string, FactValue>;

/** A JSON value, as parsed from a request body. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** Binding of a floor's canonical entity to the projection cache. */
export interface ProjectionBinding {
  entityType: string;
  localEntityType?: string;
}

/**
 * A per-type floor: the partner-neutral half of an integration. It owns the canonical contract,
 * the facts rules may use and the native roots a mapping may read.
 */
export interface TypeFloor {
  floor: string;
  description: string;
  /** The structural contract every mapped (canonical) document must satisfy. */
  structuralContract: z.ZodType<unknown>;
  /** The same contract as JSON Schema: drives target checks and `$map` enum checks. */
  canonicalJsonSchema: JsonObject;
  canonicalFields: string[];
  requiredCanonicalFields: string[];
  factCatalog: Record<string, FactType>;
  factDocs: Record<string, string>;
  inputFieldRoots?: string[];
  defaultAction: OrderAction;
  projection?: ProjectionBinding;
  /** The projection-cache key of a canonical document (null when it has none). */
  projectionKey?: (canonical: unknown) => string | null;
  /** Derives the neutral facts from a canonical document (and its prior state, if any). */
  deriveFacts: (canonical: unknown, prior?: unknown, action?: OrderAction) => Facts;
}

/** The public view of a floor (`GET /integrations/floors`). */
export interface FloorView {
  floor: string;
  canonicalFields: string[];
  requiredCanonicalFields: string[];
  factCatalog: Record<string, FactType>;
  factDocs: Record<string, string>;
  inputFieldRoots?: string[];
  defaultAction: OrderAction;
  projection?: ProjectionBinding;
}

export type PredicateOp = "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "in" | "nin";
export type Scalar = string | number | boolean;

export interface Predicate {
  fact: string;
  op: PredicateOp;
  value: Scalar | null | Scalar[];
}

export interface Rule {
  id: string;
  description: string;
  field: string;
  message: string;
  sourceRef?: string;
  when: Predicate[];
}

export interface Requirement {
  key: string;
  group?: string;
  description?: string;
}

/** A golden corpus case (§9.5). */
export interface CorpusCase {
  name: string;
  input: { order: unknown; prior?: unknown; action?: OrderAction };
  expected: { valid: boolean; ruleIds: string[] };
}

export type GateStage =
  "mapping-format" | "mapping" | "rules-format" | "rules" | "external-mapping-format" | "external-mapping" | "external-shape";

export interface GateProblem {
  stage: GateStage;
  where: string;
  problem: string;
}

export interface GateFailure {
  name: string;
  reason: "structural" | "behavioral";
  detail: unknown;
  expected?: { valid: boolean; ruleIds: string[] };
  actual?: { valid: boolean; ruleIds: string[]; degraded: boolean };
}

/** The gate's verdict, exactly as §9.6 shapes it. */
export interface GateReport {
  ok: boolean;
  problems: GateProblem[];
  corpus: { total: number; passed: number; failures: GateFailure[] };
}

/** One validation finding, attached to a canonical field. */
export interface ValidationIssue {
  ruleId: string;
  field: string;
  message: string;
  kind: "structural" | "behavioral";
  severity: "error";
}

export interface ValidationResult {
  valid: boolean;
  issues: ValidationIssue[];
  /** True when the validator failed internally and let the order through unchecked. */
  degraded: boolean;
}
