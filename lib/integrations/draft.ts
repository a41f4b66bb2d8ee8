import { editableBodySchema, stableStringify, type EditableBody } from "./body";
import { mapJsonSpans, rangeOfPath } from "./json-pointer";
import { checkMapping, checkMappingDepth, parseJsonText } from "./mapping-check";
import { locateWhere } from "./locate";
import { validateWithSchema } from "./schema-check";

/** Editable parts with one JSON text each; the corpus is edited case by case. */
export const DRAFT_PARTS = ["mapping", "rules", "meta", "externalShape", "externalMapping", "inbound"] as const;
export type DraftPart = (typeof DRAFT_PARTS)[number];

/** Labels of each part, with the CLI file it corresponds to. */
export const PART_LABELS: Record<DraftPart | "corpus", string> = {
  mapping: "Mapping (mapping.json)",
  rules: "Rules (rules.json)",
  corpus: "Corpus (corpus.json)",
  meta: "Meta: floor, display name, required keys (meta.json)",
  externalShape: "External shape (external-shape.json)",
  externalMapping: "External mapping (external-mapping.json)",
  inbound: "Inbound (inbound.json)",
};

export interface Draft {
  parts: Record<DraftPart, string>;
  /** One JSON text per corpus case. */
  cases: string[];
}

export interface DraftIssue {
  line: number | null;
  message: string;
  /** Exact text range when known (schema problems); otherwise the whole line is marked. */
  from?: number;
  to?: number;
}

/** How the mapping part is checked as you type. */
export interface ReadDraftOptions {
  /**
   * The API's mapping JSON Schema (`GET /integrations/mapping-schema`). When given, the mapping is
   * validated against it; when null or absent (not loaded, or failed), the built-in DSL checker
   * stands in.
   */
  mappingSchema?: Record<string, unknown> | null;
}

/** Issues by part key: a DraftPart, or `case:<index>` for a corpus case, or `corpus` for the whole. */
export type DraftIssues = Record<string, DraftIssue[]>;

const optionalText = (value: unknown) => (value === null || value === undefined ? "" : stableStringify(value));

/** The editor's texts for a body; optional parts that are not set are empty texts. */
export function draftFromBody(body: EditableBody): Draft {
  return {
    parts: {
      mapping: stableStringify(body.mapping),
      rules: stableStringify(body.rules),
      meta: stableStringify({
        floor: body.floor ?? null,
        displayName: body.displayName ?? null,
        requiredSecrets: body.requiredSecrets ?? null,
        requiredConfigs: body.requiredConfigs ?? null,
      }),
      externalShape: optionalText(body.externalShape),
      externalMapping: optionalText(body.externalMapping),
      inbound: optionalText(body.inbound),
    },
    cases: body.corpus.map((c) => stableStringify(c)),
  };
}

function partKeyOfField(field: PropertyKey | undefined): string {
  if (field === "floor" || field === "displayName" || field === "requiredSecrets" || field === "requiredConfigs") return "meta";
  return typeof field === "string" ? field : "meta";
}

/**
 * Parses a draft into a body. Every JSON syntax error, mapping-format problem (checked as you
 * type) and body-shape problem is returned against its part and line; `body` is null unless
 * everything parses.
 */
export function readDraft(draft: Draft, options: ReadDraftOptions = {}): { body: EditableBody | null; issues: DraftIssues } {
  const issues: DraftIssues = {};
  const add = (key: string, issue: DraftIssue) => (issues[key] ??= []).push(issue);
  const values: Partial<Record<DraftPart, unknown>> = {};
  for (const part of DRAFT_PARTS) {
    const text = draft.parts[part];
    const optional = part !== "mapping" && part !== "rules" && part !== "meta";
    if (optional && text.trim() === "") {
      values[part] = null;
      continue;
    }
    const parsed = parseJsonText(text);
    if (parsed.ok) values[part] = parsed.value;
    else add(part, { line: parsed.line, message: `Not valid JSON: ${parsed.message}` });
  }
  if ("mapping" in values) {
    if (options.mappingSchema)
      for (const issue of checkMappingWithSchema(draft.parts.mapping, values.mapping, options.mappingSchema)) add("mapping", issue);
    else
      for (const issue of checkMapping(values.mapping))
        add("mapping", { line: locateWhere(draft.parts.mapping, issue.where), message: `${issue.where}: ${issue.problem}` });
  }
  const cases: unknown[] = [];
  draft.cases.forEach((text, index) => {
    const parsed = parseJsonText(text);
    if (parsed.ok) cases.push(parsed.value);
    else add(`case:${index}`, { line: parsed.line, message: `Not valid JSON: ${parsed.message}` });
  });
  const meta = values.meta;
  if ("meta" in values && (typeof meta !== "object" || meta === null || Array.isArray(meta)))
    add("meta", { line: 1, message: "meta must be an object" });
  if (Object.keys(issues).length) return { body: null, issues };

  const metaObj = meta as Record<string, unknown>;
  const candidate = {
    mapping: values.mapping,
    rules: values.rules,
    corpus: cases,
    floor: metaObj.floor ?? null,
    displayName: metaObj.displayName ?? null,
    requiredSecrets: metaObj.requiredSecrets ?? null,
    requiredConfigs: metaObj.requiredConfigs ?? null,
    externalShape: values.externalShape ?? null,
    externalMapping: values.externalMapping ?? null,
    inbound: values.inbound ?? null,
  };
  const result = editableBodySchema.safeParse(candidate);
  if (result.success) return { body: result.data, issues };
  for (const issue of result.error.issues) {
    const [field, index, ...rest] = issue.path;
    if (field === "corpus" && typeof index === "number") {
      const text = draft.cases[index] ?? "";
      add(`case:${index}`, {
        line: locateWhere(text, rest.map(String).join(".")),
        message: `${rest.join(".") || "case"}: ${issue.message}`,
      });
    } else {
      const key = partKeyOfField(field);
      const text = key in draft.parts ? draft.parts[key as DraftPart] : "";
      const where = key === "meta" ? issue.path.map(String).join(".") : issue.path.slice(1).map(String).join(".");
      add(key, { line: locateWhere(text, where), message: `${issue.path.join(".")}: ${issue.message}` });
    }
  }
  return { body: null, issues };
}

const shownPath = (path: readonly string[]) =>
  path.length
    ? path
        .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg}`))
        .join("")
        .replace(/^\./, "")
    : "(root)";

/**
 * Mapping problems from the API's JSON Schema, each at its exact place in the text, plus the one
 * rule the schema cannot state (the nesting limit), sorted by position.
 */
export function checkMappingWithSchema(text: string, mapping: unknown, schema: Record<string, unknown>): DraftIssue[] {
  const spans = mapJsonSpans(text);
  const issues: DraftIssue[] = validateWithSchema(schema, mapping).map((issue) => {
    const range = rangeOfPath(text, spans, issue.path, issue.onKey);
    const message = `${shownPath(issue.path)}: ${issue.message}`;
    return range ? { line: range.line, from: range.from, to: range.to, message } : { line: null, message };
  });
  for (const issue of checkMappingDepth(mapping))
    issues.push({ line: locateWhere(text, issue.where), message: `${issue.where}: ${issue.problem}` });
  return issues.sort((a, b) => (a.from ?? Infinity) - (b.from ?? Infinity));
}
