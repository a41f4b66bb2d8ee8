import "server-only";
import { integrationConfigSchema, type IntegrationConfig } from "@/lib/schemas/integration";
import { loadVersion, storedVersionKeys, storeDb, storeVersion } from "@/lib/store";

/**
 * Contents of integration-config versions the console has seen, per tenant, in the console's
 * store (lib/store). The API returns the content of the active version only (versions are
 * summaries), yet version rows are immutable, so a version seen once by any console process
 * (pulled, published, rolled back, forked) can be diffed later by every process.
 */

/** Remembers a config version's content for this tenant (the first sighting wins: versions are immutable). */
export async function rememberVersion(tenantId: string, config: IntegrationConfig): Promise<void> {
  await storeVersion(
    await storeDb(),
    { tenantId, integrationId: config.integrationId, visibility: config.visibility, version: config.version, configId: config.id },
    config,
  );
}

/** A stored version's content, if any console process has seen it for this tenant and config id. */
export async function recallVersion(
  tenantId: string,
  integrationId: string,
  visibility: string,
  version: number,
  configId: string,
): Promise<IntegrationConfig | null> {
  // The id in the key guards against a lineage deleted and re-created with the same numbers.
  const content = await loadVersion(await storeDb(), { tenantId, integrationId, visibility, version, configId });
  if (content === null) return null;
  const parsed = integrationConfigSchema.safeParse(content);
  return parsed.success ? parsed.data : null;
}

/** Which versions of one integration the store can show, as a test on a version row. */
export async function storedVersionTest(
  tenantId: string,
  integrationId: string,
  visibility: string,
): Promise<(version: number, configId: string) => boolean> {
  const keys = await storedVersionKeys(await storeDb(), tenantId, integrationId, visibility);
  return (version, configId) => keys.has(`${version}/${configId}`);
}
