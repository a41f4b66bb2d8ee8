import { bffRoute } from "@/lib/api";
import { jobPreviewBodySchema, jobPreviewSchema } from "@/lib/jobs/schemas";
import { previewJob } from "@/lib/jobs/service";

// POST /api/jobs/preview — what a bulk job would act on: exact count, first rows, runs left out and why (changes nothing)
export const POST = bffRoute({ body: jobPreviewBodySchema, output: jobPreviewSchema }, ({ pegasus, body }) =>
  previewJob(pegasus, body.kind, body.selection),
);
