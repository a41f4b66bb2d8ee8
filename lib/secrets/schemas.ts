import { z } from "zod";
import { groupSchema, keySchema } from "@/lib/schemas/common";
import { integrationRequirementsSummarySchema } from "@/lib/schemas/floor";
import { createSecretSchema, putConfigSchema } from "@/lib/schemas/secrets";
import { requirementsSummarySchema } from "@/lib/schemas/workflow";

/** BFF GET /api/requirements payload: each summary, or null when the user may not read it. */
export const requirementsOverviewSchema = z.object({
  workflows: requirementsSummarySchema.nullable(),
  integrations: integrationRequirementsSummarySchema.nullable(),
});

/** BFF answer to a delete: what was removed (the upstream's 204 has no body). */
export const deletedKeySchema = z.object({ key: keySchema, group: groupSchema, deleted: z.literal(true) });
export type DeletedKey = z.infer<typeof deletedKeySchema>;

/** Route params naming one entry. */
export const keyParamsSchema = z.object({ key: keySchema });

/** `?group=` of list and delete routes. */
export const groupQuerySchema = z.object({ group: groupSchema.optional() }).strict();

/** Body of the rotate route: the create body minus the key, which the path names. */
export const rotateSecretSchema = createSecretSchema.omit({ key: true });
export type RotateSecret = z.infer<typeof rotateSecretSchema>;

/**
 * Body of `PUT /api/configs/:key`: the upstream body plus, optionally, the `updatedAt` of the value
 * the edit started from. With it, a value changed meanwhile is refused (409 VALUE_CONFLICT) instead of
 * overwritten; the console's own editor always sends it.
 */
export const putConfigBodySchema = putConfigSchema.extend({ baseUpdatedAt: z.iso.datetime({ offset: true }).optional() }).strict();
export type PutConfigBody = z.infer<typeof putConfigBodySchema>;
