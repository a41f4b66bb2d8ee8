import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { integrationParamsSchema, versionRowSchema } from "@/lib/integrations/schemas";
import { recallVersion, rememberVersion } from "@/lib/integrations/version-store";
import { getIntegrationConfig, listIntegrationConfigVersions } from "@/lib/pegasus/integrations";
import { isPegasusError } from "@/lib/pegasus";

// GET /api/integrations/:id/config/versions — the tenant's own versions, newest first, with whether their content can be shown
export const GET = bffRoute({ params: integrationParamsSchema, output: z.array(versionRowSchema) }, async ({ pegasus, params, session }) => {
  const tenantId = session.user.tenantId;
  const [versions, active] = await Promise.all([
    listIntegrationConfigVersions(pegasus, params.integrationId),
    // The active version's content is always readable; a lineage-less tenant gets 404 here.
    getIntegrationConfig(pegasus, params.integrationId).catch((error: unknown) => {
      if (isPegasusError(error) && error.status === 404) return null;
      throw error;
    }),
  ]);
  if (active) rememberVersion(tenantId, active);
  return versions.map((v) => ({ ...v, hasContent: recallVersion(tenantId, v.integrationId, v.visibility, v.version, v.id) !== null }));
});
