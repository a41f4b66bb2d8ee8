import { Buffer } from "node:buffer";
import { bffRoute, BffRequestError } from "@/lib/api";
import { bodyFromBundleFiles } from "@/lib/integrations/bundle";
import { bundleReadSchema, bundleUploadSchema, integrationParamsSchema } from "@/lib/integrations/schemas";
import { unzipTextFiles, ZipLimitError } from "@/lib/integrations/zip";
import { getMyPermissions } from "@/lib/pegasus/permissions";
import { formatBytes, MAX_BUNDLE_ZIP_BYTES } from "@/lib/schemas/limits";
import { PERMISSIONS } from "@/lib/schemas/permissions";

// POST /api/integrations/:id/bundle/read — read an uploaded CLI bundle zip into an editable body (nothing is sent upstream).
// Inflating is real work on this server, so only a caller who could publish the result may ask for it.
export const POST = bffRoute(
  {
    params: integrationParamsSchema,
    body: bundleUploadSchema,
    output: bundleReadSchema,
    audit: { action: "integration.bundle-read", target: ({ params }) => `integration:${params.integrationId}` },
  },
  async ({ body, pegasus }) => {
    const me = await getMyPermissions(pegasus);
    if (!me.permissions.includes(PERMISSIONS.publishIntegrationConfig)) {
      throw new BffRequestError(403, "FORBIDDEN", "Reading a bundle needs the permission to publish integration configs");
    }
    const data = Buffer.from(body.zipBase64, "base64");
    if (data.length > MAX_BUNDLE_ZIP_BYTES)
      throw new BffRequestError(413, "PAYLOAD_TOO_LARGE", `The bundle is larger than ${formatBytes(MAX_BUNDLE_ZIP_BYTES)}`);
    const files = await unzipTextFiles(data).catch((error: unknown) => {
      if (error instanceof ZipLimitError) throw new BffRequestError(413, "PAYLOAD_TOO_LARGE", `The bundle is too large: ${error.message}`);
      throw new BffRequestError(
        400,
        "VALIDATION_ERROR",
        `The upload is not a bundle: ${error instanceof Error ? error.message : "unreadable"}`,
      );
    });
    return bodyFromBundleFiles(files);
  },
);
