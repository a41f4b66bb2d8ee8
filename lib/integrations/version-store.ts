import type { IntegrationConfig } from "@/lib/schemas/integration";

/**
 * Contents of config versions this console process has seen, per tenant. The API returns the
 * content of the active version only (versions are summaries), yet version rows are immutable,
 * so a version seen once (pulled, published, rolled back, forked) can be diffed later. Bounded;
 * lost on restart, and then the diff says the content is unavailable.
 */
const MAX_ENTRIES = 1000;
// On globalThis: Next bundles pages and route handlers into separate module layers, and both feed it.
const STORE = Symbol.for("pegasus.console.integration-versions");
const holder = globalThis as unknown as Record<symbol, Map<string, IntegrationConfig> | undefined>;
const seen: Map<string, IntegrationConfig> = (holder[STORE] ??= new Map<string, IntegrationConfig>());

function keyOf(tenantId: string, integrationId: string, visibility: string, version: number): string {
  return `${tenantId}\u0000${integrationId}\u0000${visibility}\u0000${version}`;
}

/** Remembers a config version's content for this tenant. */
export function rememberVersion(tenantId: string, config: IntegrationConfig): void {
  const key = keyOf(tenantId, config.integrationId, config.visibility, config.version);
  seen.delete(key);
  seen.set(key, config);
  while (seen.size > MAX_ENTRIES) {
    const oldest = seen.keys().next().value;
    if (oldest === undefined) break;
    seen.delete(oldest);
  }
}

/** A remembered version's content, if this process has seen it for this tenant and config id. */
export function recallVersion(tenantId: string, integrationId: string, visibility: string, version: number, configId: string): IntegrationConfig | null {
  const found = seen.get(keyOf(tenantId, integrationId, visibility, version));
  // The id check guards against a lineage deleted and re-created with the same numbers.
  return found && found.id === configId ? found : null;
}
