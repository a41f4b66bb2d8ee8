import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { createReview, listReviews } from "@/lib/reviews/server";
import { createReviewSchema, reviewSchema } from "@/lib/reviews/state";
import { storeDb } from "@/lib/store";
import { workflowParamsSchema } from "@/lib/schemas/params";

// GET /api/workflows/:id/reviews — sign-offs of one version in the caller's tenant, newest first, each marked current or not
export const GET = bffRoute({ params: workflowParamsSchema, output: z.array(reviewSchema) }, async ({ pegasus, params, session }) =>
  listReviews(pegasus, await storeDb(), session.user.tenantId, params.id),
);

// POST /api/workflows/:id/reviews — record {verdict, note?} bound to the digests the BFF computes now; 201
export const POST = bffRoute(
  {
    params: workflowParamsSchema,
    body: createReviewSchema,
    output: reviewSchema,
    status: 201,
    audit: { action: "workflow.review", target: ({ params, body }) => `workflow:${params.id} (${body.verdict})` },
  },
  async ({ pegasus, params, body, session, actor }) =>
    createReview(pegasus, await storeDb(), session.user.tenantId, actor, params.id, body),
);
