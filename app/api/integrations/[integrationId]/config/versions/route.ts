import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { integrationParamsSchema, versionRowSchema } from "@/lib/integrations/schemas";
import { rememberVersion, storedVersionTest } from "@/lib/integrations/version-store";
import { getIntegrationConfig, listIntegrationConfigVersions } from "@/lib/pegasus/integrations";
import { isPegasusError } from "@/lib/pegasus";

// GET /api/integrations/:id/config/versions — the tenant's own versions, newest first, with whether their content can be shown
export const GET = bffRoute(
  { params: integrationParamsSchema, output: z.array(versionRowSchema) },
  async ({ pegasus, params, session }) => {
    const tenantId = session.user.tenantId;
    const [versions, active] = await Promise.all([
      listIntegrationConfigVersions(pegasus, params.integrationId),
      // The active version's content is always readable; a lineage-less tenant gets 404 here.
      getIntegrationConfig(pegasus, params.integrationId).catch((error: unknown) => {
        if (isPegasusError(error) && error.status === 404) return null;
        throw error;
      }),
    ]);
    if (active) await rememberVersion(tenantId, active);
    const visibilities = [...new Set(versions.map((v) => v.visibility))];
    const tests = new Map(
      await Promise.all(visibilities.map(async (vis) => [vis, await storedVersionTest(tenantId, params.integrationId, vis)] as const)),
    );
    return versions.map((v) => ({ ...v, hasContent: tests.get(v.visibility)?.(v.version, v.id) ?? false }));
  },
);
