import { z } from "zod";
import { configBodySchema, type ConfigBody, type IntegrationConfig } from "@/lib/schemas/integration";

/** Optional fields of a config body: every one is carried forward on publish (contract §9.7). */
export const OPTIONAL_FIELDS = [
  "floor",
  "displayName",
  "externalShape",
  "externalMapping",
  "inbound",
  "requiredSecrets",
  "requiredConfigs",
] as const;
export type OptionalField = (typeof OPTIONAL_FIELDS)[number];

/**
 * What the BFF accepts for validate and publish: the upstream body, where any optional field may
 * also be `null` (the upstream treats null as absent), so a stored config can be echoed back as is.
 */
export const editableBodySchema = configBodySchema.extend({
  // Loose, so a case's extra keys survive the round trip (the console never drops what it was given).
  corpus: z.array(
    z.looseObject({
      name: z.string().min(1),
      input: configBodySchema.shape.corpus.element.shape.input,
      expected: z.looseObject({ valid: z.boolean(), ruleIds: z.array(z.string()) }),
    }),
  ),
  floor: configBodySchema.shape.floor.nullable(),
  displayName: configBodySchema.shape.displayName.nullable(),
  externalShape: configBodySchema.shape.externalShape.nullable(),
  externalMapping: z.unknown().optional(),
  inbound: configBodySchema.shape.inbound.nullable(),
  requiredSecrets: configBodySchema.shape.requiredSecrets.nullable(),
  requiredConfigs: configBodySchema.shape.requiredConfigs.nullable(),
});
export type EditableBody = z.infer<typeof editableBodySchema>;

/** Drops null/absent optional fields: the upstream body carries only what is set (as the SDK does). */
export function toUpstreamBody(body: EditableBody): ConfigBody {
  const out: Record<string, unknown> = { mapping: body.mapping, rules: body.rules, corpus: body.corpus };
  for (const key of OPTIONAL_FIELDS) {
    const value = body[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out as ConfigBody;
}

/** The full editable body of a stored config: every stored field, so publishing it drops nothing. */
export function bodyFromConfig(config: IntegrationConfig): EditableBody {
  return {
    mapping: config.mapping,
    rules: config.rules,
    // Stored content is echoed untouched; a malformed corpus is for the gate to report, not to drop.
    corpus: (Array.isArray(config.corpus) ? config.corpus : []) as EditableBody["corpus"],
    floor: config.floor,
    displayName: config.displayName,
    externalShape: isRecord(config.externalShape) ? config.externalShape : null,
    externalMapping: config.externalMapping ?? null,
    inbound: isRecord(config.inbound) ? config.inbound : null,
    requiredSecrets: config.requiredSecrets,
    requiredConfigs: config.requiredConfigs,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Stable JSON (sorted keys at every level), the form the SDK CLI writes and the console compares. */
export function stableStringify(value: unknown, indent = 2): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}

/** A fingerprint of a body's content: equal fingerprints mean an identical upstream body. */
export function bodyFingerprint(body: EditableBody): string {
  return stableStringify(toUpstreamBody(body), 0);
}
