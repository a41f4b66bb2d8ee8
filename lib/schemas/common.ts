import { z } from "zod";

/** Upstream success envelope `{data, meta?}` around a payload schema. */
export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.object({ data, meta: z.record(z.string(), z.unknown()).optional() });
}

/** Upstream error body: `{error, code, ...extras}` (extras vary by code). */
export const upstreamErrorSchema = z.looseObject({
  error: z.string(),
  code: z.string().optional(),
  correlationId: z.string().optional(),
});
export type UpstreamError = z.infer<typeof upstreamErrorSchema>;

/** The one error envelope the BFF returns. */
export const bffErrorSchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
  }),
});
export type BffError = z.infer<typeof bffErrorSchema>;

export const isoDateSchema = z.string().min(1);
export const uuidSchema = z.string().uuid();

/** Secret / config key and group rules shared by the contract (§8, §12). */
export const KEY_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/;
export const GROUP_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
export const keySchema = z.string().regex(KEY_PATTERN, "key must match [a-zA-Z_][a-zA-Z0-9_]{0,127}");
export const groupSchema = z.string().regex(GROUP_PATTERN, "group must match [a-zA-Z0-9_-]{1,64}");

export const requirementSchema = z.object({
  key: z.string(),
  group: z.string().optional(),
  description: z.string().nullish(),
});
export type Requirement = z.infer<typeof requirementSchema>;
