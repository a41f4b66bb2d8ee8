import { z } from "zod";
import { EXECUTION_FILTER_PARAMS, executionFiltersToSearchParams, parseExecutionFilters } from "@/lib/executions/filters";

// Shapes of the console-owned "people" routes (issue #16): names, the tenant's display name,
// saved views of the executions list and an execution's lineage and cancellation.

/** Most ids one `GET /api/people` call resolves. */
export const PEOPLE_QUERY_MAX = 100;
/** An id as the API or the ID token spells one (UUIDs, Cognito subs). */
const personIdSchema = z.string().regex(/^[A-Za-z0-9_.:@-]{1,128}$/, "each id is 1-128 letters, digits or _ . : @ -");

/** `?ids=a,b,c` of `GET /api/people`. */
export const peopleQuerySchema = z
  .object({
    ids: z
      .string()
      .transform((s) => [
        ...new Set(
          s
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(personIdSchema).min(1, "name at least one id").max(PEOPLE_QUERY_MAX, `at most ${PEOPLE_QUERY_MAX} ids`)),
  })
  .strict();

/** One resolved person: `you` when it is the caller; name and e-mail null when nobody is known by the id. */
export const personSchema = z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable(), you: z.boolean() });
export type Person = z.infer<typeof personSchema>;
export const peopleSchema = z.object({ items: z.array(personSchema) });

/** Longest tenant display name. */
export const TENANT_DISPLAY_NAME_MAX = 80;
const oneLine = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), `${what} must be one line of text`);

/** `GET /api/tenant`: the tenant and its display name (null until a tenant admin sets one). */
export const tenantSchema = z.object({ tenantId: z.string(), displayName: z.string().nullable() });
export type TenantInfo = z.infer<typeof tenantSchema>;
/** Body of `PUT /api/tenant`: the new display name, or null to go back to the short id. */
export const tenantNameBodySchema = z.object({ displayName: oneLine(TENANT_DISPLAY_NAME_MAX, "the tenant name").nullable() }).strict();

/** The label the header shows: the display name, else the tenant's short id. */
export function tenantLabel(tenantId: string, displayName: string | null): string {
  return displayName ?? `Tenant ${tenantId.slice(0, 8)}`;
}

/** Longest saved view name and query. */
export const SAVED_VIEW_NAME_MAX = 80;
export const SAVED_VIEW_QUERY_MAX = 2000;

/**
 * A view's filter query, checked and put in its canonical form: only the list's filter parameters,
 * each valid (an unknown or bad filter is refused rather than saved for the whole team).
 */
export const savedViewQuerySchema = z
  .string()
  .max(SAVED_VIEW_QUERY_MAX, `the filters must be at most ${SAVED_VIEW_QUERY_MAX} characters`)
  .transform((raw, ctx) => {
    const params = new URLSearchParams(raw.startsWith("?") ? raw.slice(1) : raw);
    const unknown = [...params.keys()].filter((k) => !(EXECUTION_FILTER_PARAMS as readonly string[]).includes(k));
    if (unknown.length) {
      ctx.addIssue({ code: "custom", message: `not an executions filter: ${unknown.slice(0, 3).join(", ")}` });
      return z.NEVER;
    }
    const parsed = parseExecutionFilters(params);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return executionFiltersToSearchParams(parsed.filters).toString();
  });

/** Body of `POST /api/saved-views`. */
export const createSavedViewSchema = z
  .object({ name: oneLine(SAVED_VIEW_NAME_MAX, "the view name"), query: savedViewQuerySchema, shared: z.boolean().default(false) })
  .strict();
export type CreateSavedView = z.input<typeof createSavedViewSchema>;

/** Body of `PUT /api/saved-views/default`: a view id, or null for none. */
export const defaultSavedViewSchema = z.object({ viewId: z.uuid("viewId must be a saved view's id").nullable() }).strict();

/** Params naming one saved view. */
export const savedViewParamsSchema = z.object({ viewId: z.uuid("viewId must be a saved view's id") });

/** A saved view as the caller sees it. */
export const savedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  shared: z.boolean(),
  /** Who saved it (a sub: resolve with `GET /api/people`). */
  ownerId: z.string(),
  mine: z.boolean(),
  canDelete: z.boolean(),
  isDefault: z.boolean(),
  createdAt: z.string(),
});
export type SavedViewItem = z.infer<typeof savedViewSchema>;
export const savedViewsSchema = z.object({ items: z.array(savedViewSchema) });
export const defaultSavedViewResultSchema = z.object({ viewId: z.string().nullable() });

/** One end of a retry or re-run link. */
export const lineageLinkSchema = z.object({
  executionId: z.string(),
  workflowId: z.string(),
  kind: z.enum(["retry", "rerun"]),
  actorId: z.string(),
  at: z.string(),
});
export type LineageLinkView = z.infer<typeof lineageLinkSchema>;

/** `GET …/executions/:executionId/accountability`: where this run came from, what followed it, who cancelled it. */
export const accountabilitySchema = z.object({
  retryOf: lineageLinkSchema.nullable(),
  retriedAs: z.array(lineageLinkSchema),
  cancellation: z
    .object({ actor: z.object({ id: z.string(), name: z.string().nullable() }), at: z.string(), reason: z.string().nullable() })
    .nullable(),
});
export type Accountability = z.infer<typeof accountabilitySchema>;

/** `?rerunOf=` of the run route: the execution a re-run repeats (recorded as lineage). */
export const runQuerySchema = z.object({ rerunOf: z.uuid("rerunOf must be an execution id").optional() }).strict();
