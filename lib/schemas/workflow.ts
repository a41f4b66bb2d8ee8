import { z } from "zod";
import { isoDateSchema, requirementSchema } from "./common";

export const visibilitySchema = z.enum(["GLOBAL", "TENANT"]);
export type Visibility = z.infer<typeof visibilitySchema>;

export const WORKFLOW_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const WORKFLOW_VERSION_PATTERN = /^[0-9]+\.[0-9]+\.[0-9]+(?:-[a-z0-9.-]+)?$/;

export const manifestSchema = z.looseObject({
  name: z.string(),
  version: z.string(),
  entryPoints: z.array(z.string()).default([]),
  description: z.string().nullish(),
  diagram: z.string().nullish(),
  requiredActions: z.array(z.string()).default([]),
  requiredSecrets: z.array(requirementSchema).default([]),
  requiredConfigs: z.array(requirementSchema).default([]),
  timeoutSeconds: z.number().int().nullish(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const workflowSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  name: z.string(),
  version: z.string(),
  visibility: visibilitySchema,
  manifest: manifestSchema,
  createdByUserId: z.string().nullable(),
  forkedFromWorkflowId: z.string().nullable().default(null),
  forkedFromVersion: z.string().nullable().default(null),
  artifactSha256: z.string().nullable().default(null),
  artifactSizeBytes: z.number().nullable().default(null),
  executable: z.boolean(),
  status: z.enum(["ACTIVE", "RETIRED"]).default("ACTIVE"),
  retiredAt: isoDateSchema.nullable().default(null),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Workflow = z.infer<typeof workflowSchema>;

export const workflowRequirementSchema = z.object({
  kind: z.enum(["SECRET", "CONFIG"]),
  key: z.string(),
  group: z.string(),
  description: z.string().nullable(),
  present: z.boolean(),
});
export type WorkflowRequirement = z.infer<typeof workflowRequirementSchema>;

export const requirementsSummarySchema = z.object({
  workflows: z.array(
    z.object({
      workflowId: z.string(),
      name: z.string(),
      version: z.string(),
      visibility: visibilitySchema,
      requirements: z.array(workflowRequirementSchema),
      missingCount: z.number().int(),
    }),
  ),
  totalMissing: z.number().int(),
});
export type RequirementsSummary = z.infer<typeof requirementsSummarySchema>;

export const downloadUrlSchema = z.object({ downloadUrl: z.string(), expiresInSeconds: z.number() });

const retiredItemSchema = z.object({ id: z.string(), name: z.string(), version: z.string() });
export const retireResultSchema = z.object({
  retired: z.array(retiredItemSchema),
  alreadyRetired: z.array(retiredItemSchema),
  forkCount: z.number().int(),
});
export type RetireResult = z.infer<typeof retireResultSchema>;

/** Extras of a 409 WORKFLOW_IN_USE. */
export const workflowInUseSchema = z.object({
  enabledTriggers: z.array(z.object({ id: z.string(), workflowId: z.string(), version: z.string().nullish() })),
  openExecutions: z.array(z.object({ id: z.string(), workflowId: z.string(), version: z.string().nullish() })),
});
