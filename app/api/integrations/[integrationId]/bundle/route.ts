import { Buffer } from "node:buffer";
import { BffRequestError, bffRoute } from "@/lib/api";
import { bodyFromConfig } from "@/lib/integrations/body";
import { bundleFilesFromBody } from "@/lib/integrations/bundle";
import { integrationParamsSchema } from "@/lib/integrations/schemas";
import { rememberVersion } from "@/lib/integrations/version-store";
import { zipTextFiles } from "@/lib/integrations/zip";
import { getIntegrationConfig } from "@/lib/pegasus/integrations";
import { bundleDownloadSchema } from "@/lib/schemas/integration";

// GET /api/integrations/:id/bundle — the active config as a zip in the SDK CLI's working-directory layout (base64 in {data})
export const GET = bffRoute({ params: integrationParamsSchema, output: bundleDownloadSchema }, async ({ pegasus, params, session }) => {
  const config = await getIntegrationConfig(pegasus, params.integrationId);
  await rememberVersion(session.user.tenantId, config);
  const zip = await zipTextFiles(bundleFilesFromBody(bodyFromConfig(config)));
  if (zip.length === 0) throw new BffRequestError(502, "BUNDLE_FAILED", "The bundle could not be built");
  return { fileName: `${config.integrationId}-v${config.version}.zip`, zipBase64: Buffer.from(zip).toString("base64") };
});
