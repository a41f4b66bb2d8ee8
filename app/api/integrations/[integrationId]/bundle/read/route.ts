import { Buffer } from "node:buffer";
import { bffRoute, BffRequestError } from "@/lib/api";
import { bodyFromBundleFiles } from "@/lib/integrations/bundle";
import { bundleReadSchema, bundleUploadSchema, integrationParamsSchema } from "@/lib/integrations/schemas";
import { MAX_BUNDLE_BYTES, unzipTextFiles } from "@/lib/integrations/zip";

// POST /api/integrations/:id/bundle/read — read an uploaded CLI bundle zip into an editable body (nothing is sent upstream)
export const POST = bffRoute({ params: integrationParamsSchema, body: bundleUploadSchema, output: bundleReadSchema, audit: { action: "integration.bundle-read", target: ({ params }) => `integration:${params.integrationId}` } }, async ({ body }) => {
  const data = Buffer.from(body.zipBase64, "base64");
  if (data.length > MAX_BUNDLE_BYTES) throw new BffRequestError(400, "VALIDATION_ERROR", "The bundle is larger than 5 MB");
  const files = await unzipTextFiles(data).catch((error: unknown) => {
    throw new BffRequestError(400, "VALIDATION_ERROR", `The upload is not a bundle: ${error instanceof Error ? error.message : "unreadable"}`);
  });
  return bodyFromBundleFiles(files);
});
