import { bffRoute } from "@/lib/api";
import { reviewSummary } from "@/lib/reviews/server";
import { reviewSummarySchema } from "@/lib/reviews/state";
import { storeDb } from "@/lib/store";

// GET /api/reviews — review state of every visible active version (the catalog's badges), bounded
export const GET = bffRoute({ output: reviewSummarySchema }, async ({ pegasus, session }) =>
  reviewSummary(pegasus, await storeDb(), session.user.tenantId),
);
