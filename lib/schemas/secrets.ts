import { z } from "zod";
import { groupSchema, isoDateSchema, keySchema } from "./common";

export const secretMetaSchema = z.object({
  id: z.string(),
  group: z.string(),
  key: z.string(),
  description: z.string().nullable(),
  isSecret: z.literal(true),
  createdByUserId: z.string().nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type SecretMeta = z.infer<typeof secretMetaSchema>;

export const configEntrySchema = z.object({
  id: z.string(),
  group: z.string(),
  key: z.string(),
  value: z.string(),
  description: z.string().nullable(),
  isSecret: z.literal(false),
  createdByUserId: z.string().nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type ConfigEntry = z.infer<typeof configEntrySchema>;

export const createSecretSchema = z
  .object({
    key: keySchema,
    group: groupSchema.default("global"),
    value: z.string().min(1, "A secret needs a value").max(65536),
    description: z.string().max(500).optional(),
  })
  .strict();
export type CreateSecret = z.infer<typeof createSecretSchema>;

export const createConfigSchema = z
  .object({
    key: keySchema,
    group: groupSchema.default("global"),
    value: z.string().max(65536),
    description: z.string().max(500).optional(),
  })
  .strict();
export type CreateConfig = z.infer<typeof createConfigSchema>;

export const putConfigSchema = z
  .object({
    group: groupSchema.default("global"),
    value: z.string().max(65536),
    description: z.string().max(500).nullable().optional(),
  })
  .strict();
export type PutConfig = z.infer<typeof putConfigSchema>;
