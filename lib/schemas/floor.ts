import { z } from "zod";

/** An integration type floor (contract §9.8): the canonical contract a config is gated against. */
export const floorSchema = z.looseObject({
  floor: z.string(),
  canonicalFields: z.array(z.string()),
  requiredCanonicalFields: z.array(z.string()).optional(),
  factCatalog: z.record(z.string(), z.enum(["string", "number", "boolean"])),
  factDocs: z.record(z.string(), z.string()).optional(),
  inputFieldRoots: z.array(z.string()).optional(),
  defaultAction: z.string(),
  projection: z.looseObject({ entityType: z.string(), localEntityType: z.string().optional() }).nullish(),
});
export type Floor = z.infer<typeof floorSchema>;

/** A bare JSON Schema document (mapping-schema, inbound-schema): only its object-ness is checked. */
export const jsonSchemaDocumentSchema = z.record(z.string(), z.unknown());

/** `GET /integrations/requirements-summary` payload (contract §9.1). */
export const integrationRequirementsSummarySchema = z.object({
  integrations: z.array(
    z.object({
      integrationId: z.string(),
      displayName: z.string().nullable(),
      requirements: z.array(
        z.object({
          kind: z.enum(["SECRET", "CONFIG"]),
          key: z.string(),
          group: z.string(),
          description: z.string().nullable(),
          present: z.boolean(),
        }),
      ),
      missingCount: z.number().int(),
    }),
  ),
  totalMissing: z.number().int(),
});
export type IntegrationRequirementsSummary = z.infer<typeof integrationRequirementsSummarySchema>;
