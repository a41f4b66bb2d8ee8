import { bffRoute } from "@/lib/api";
import { getUsageSummary } from "@/lib/pegasus/usage";
import { usageQuerySchema, usageSummarySchema } from "@/lib/schemas/usage";

// GET /api/usage?year= — the tenant's billable actions for one term (upstream GET /usage/summary; tenant admins)
export const GET = bffRoute({ query: usageQuerySchema, output: usageSummarySchema }, ({ pegasus, query }) =>
  getUsageSummary(pegasus, query.year),
);
