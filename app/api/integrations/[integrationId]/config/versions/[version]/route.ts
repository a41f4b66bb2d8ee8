import { bffRoute, BffRequestError } from "@/lib/api";
import { versionParamsSchema } from "@/lib/integrations/schemas";
import { recallVersion } from "@/lib/integrations/version-store";
import { listIntegrationConfigVersions } from "@/lib/pegasus/integrations";
import { integrationConfigSchema } from "@/lib/schemas/integration";

// GET /api/integrations/:id/config/versions/:version — a version's content when this console has seen it (the API serves only the active one)
export const GET = bffRoute({ params: versionParamsSchema, output: integrationConfigSchema }, async ({ pegasus, params, session }) => {
  const versions = await listIntegrationConfigVersions(pegasus, params.integrationId);
  const row = versions.find((v) => v.version === params.version);
  if (!row) throw new BffRequestError(404, "NOT_FOUND", `Version ${params.version} not found`);
  const config = await recallVersion(session.user.tenantId, row.integrationId, row.visibility, row.version, row.id);
  if (!config) {
    throw new BffRequestError(
      404,
      "CONTENT_UNAVAILABLE",
      `The Pegasus API returns the content of the active version only; no console process has seen version ${params.version}`,
    );
  }
  return config;
});
