import { z } from "zod";
import { integrationConfigSchema, versionSummarySchema } from "@/lib/schemas/integration";
import { editableBodySchema } from "./body";

/** Integration ids are slugs (`demo_partner`). */
export const integrationParamsSchema = z.object({
  integrationId: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "integration id must be a slug"),
});

export const versionParamsSchema = integrationParamsSchema.extend({
  version: z.coerce.number().int().positive("version must be a positive whole number"),
});

export const forceQuerySchema = z.object({ force: z.enum(["true", "false"]).optional() });

/**
 * Body of a publish: the editable body plus the version the edit started from. With `baseVersion`
 * the BFF refuses (409 VERSION_CONFLICT) when another version went live meanwhile; the console's
 * own editor always sends it, other callers may leave it out.
 */
export const publishBodySchema = editableBodySchema.extend({ baseVersion: z.number().int().positive().optional() });
export type PublishBody = z.infer<typeof publishBodySchema>;

/** A version row plus whether the console can show its content (see version-store). */
export const versionRowSchema = versionSummarySchema.extend({ hasContent: z.boolean() });
export type VersionRow = z.infer<typeof versionRowSchema>;

/** Upload of a bundle zip, base64-encoded; its size limits (413) live in lib/schemas/limits.ts and the read route. */
export const bundleUploadSchema = z.object({ zipBase64: z.string().min(1) });

export const bundleReadSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), body: editableBodySchema, ignored: z.array(z.string()) }),
  z.object({ ok: z.literal(false), problems: z.array(z.object({ file: z.string(), problem: z.string() })) }),
]);
export type BundleRead = z.infer<typeof bundleReadSchema>;

export { integrationConfigSchema };
