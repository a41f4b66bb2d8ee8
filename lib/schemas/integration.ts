import { z } from "zod";
import { isoDateSchema, requirementSchema } from "./common";

export const integrationSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  published: z.boolean(),
  version: z.number().int().nullable(),
  visibility: z.enum(["GLOBAL", "TENANT"]).nullable(),
});
export type IntegrationSummary = z.infer<typeof integrationSummarySchema>;

export const corpusCaseSchema = z.object({
  name: z.string().min(1),
  input: z.looseObject({
    order: z.unknown(),
    prior: z.unknown().optional(),
    action: z.enum(["save", "cancel", "status-change"]).optional(),
  }),
  expected: z.object({ valid: z.boolean(), ruleIds: z.array(z.string()) }),
});
export type CorpusCase = z.infer<typeof corpusCaseSchema>;

/** Editable body for validate and publish. Every optional field is carried forward on publish. */
export const configBodySchema = z.object({
  mapping: z.unknown(),
  rules: z.unknown(),
  corpus: z.array(corpusCaseSchema),
  floor: z.string().min(1).optional(),
  displayName: z.string().min(1).max(200).optional(),
  externalShape: z.record(z.string(), z.unknown()).optional(),
  externalMapping: z.unknown().optional(),
  inbound: z.record(z.string(), z.unknown()).optional(),
  requiredSecrets: z.array(requirementSchema).optional(),
  requiredConfigs: z.array(requirementSchema).optional(),
});
export type ConfigBody = z.infer<typeof configBodySchema>;

export const integrationConfigSchema = z.object({
  id: z.string(),
  integrationId: z.string(),
  version: z.number().int(),
  visibility: z.enum(["GLOBAL", "TENANT"]),
  status: z.enum(["PUBLISHED", "SUPERSEDED"]),
  mapping: z.unknown(),
  rules: z.unknown(),
  corpus: z.unknown(),
  floor: z.string().nullable(),
  displayName: z.string().nullable(),
  externalShape: z.unknown().nullable(),
  externalMapping: z.unknown().nullable(),
  inbound: z.unknown().nullable(),
  requiredSecrets: z.array(requirementSchema).nullable(),
  requiredConfigs: z.array(requirementSchema).nullable(),
  publishedBy: z.string().nullable(),
  forkedFromConfigId: z.string().nullable(),
  forkedFromVersion: z.number().int().nullable(),
  createdAt: isoDateSchema,
});
export type IntegrationConfig = z.infer<typeof integrationConfigSchema>;

export const versionSummarySchema = integrationConfigSchema.pick({
  id: true,
  integrationId: true,
  version: true,
  visibility: true,
  status: true,
  floor: true,
  displayName: true,
  publishedBy: true,
  forkedFromConfigId: true,
  forkedFromVersion: true,
  createdAt: true,
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

export const gateStageSchema = z.enum([
  "mapping-format",
  "mapping",
  "rules-format",
  "rules",
  "external-mapping-format",
  "external-mapping",
  "external-shape",
]);

export const gateReportSchema = z.object({
  ok: z.boolean(),
  problems: z.array(z.object({ stage: z.string(), where: z.string(), problem: z.string() })),
  corpus: z.object({
    total: z.number().int(),
    passed: z.number().int(),
    failures: z.array(
      z.looseObject({
        name: z.string(),
        reason: z.enum(["structural", "behavioral"]),
        detail: z.unknown(),
        expected: z.unknown().optional(),
        actual: z.unknown().optional(),
      }),
    ),
  }),
});
export type GateReport = z.infer<typeof gateReportSchema>;

/** What deleting an integration's config answers (upstream and BFF alike): how many versions went. */
export const deleteResultSchema = z.object({
  integrationId: z.string(),
  visibility: z.enum(["GLOBAL", "TENANT"]),
  deleted: z.number().int(),
});
export type DeleteIntegrationConfigResult = z.infer<typeof deleteResultSchema>;

/** A config version packed as the CLI's bundle (BFF GET /api/integrations/:id/bundle). */
export const bundleDownloadSchema = z.object({ fileName: z.string(), zipBase64: z.string() });
