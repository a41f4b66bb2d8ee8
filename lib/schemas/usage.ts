import { z } from "zod";

/** The tenant's plan as the usage summary reports it (contract §10.2). */
export const usagePlanSchema = z.object({
  planCode: z.string(),
  name: z.string(),
  monthlyPriceCents: z.number().int().nonnegative(),
  annualPoolActions: z.number().int().nonnegative().nullable(),
  overageCentsPerAction: z.number().int().nonnegative(),
  effectiveFrom: z.string(),
});
export type UsagePlan = z.infer<typeof usagePlanSchema>;

/** `GET /usage/summary` — billable actions over one term, by month, action and workflow. */
export const usageSummarySchema = z.object({
  plan: usagePlanSchema.nullable(),
  termStart: z.string(),
  termEnd: z.string(),
  pool: z.number().int().nonnegative().nullable(),
  usedTermToDate: z.number().int().nonnegative(),
  remaining: z.number().int().nonnegative().nullable(),
  overageActions: z.number().int().nonnegative(),
  projectedAtTermEnd: z.number().int().nonnegative().nullable(),
  asOf: z.string(),
  byMonth: z.array(z.object({ month: z.string(), actions: z.number().int().nonnegative() })),
  byAction: z.array(z.object({ action: z.string(), actions: z.number().int().nonnegative() })),
  byWorkflow: z.array(
    z.object({ workflowId: z.string().nullable(), workflowName: z.string().nullable(), actions: z.number().int().nonnegative() }),
  ),
});
export type UsageSummary = z.infer<typeof usageSummarySchema>;

/** The year a term starts in; the API treats a missing year as the current one. */
export const usageYearSchema = z.coerce.number().int().min(2000).max(2100);

/** Query of `GET /api/usage`. */
export const usageQuerySchema = z.object({ year: usageYearSchema.optional() });
