import { z } from "zod";

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
