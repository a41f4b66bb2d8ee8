import type { Kysely } from "kysely";
import type { Database } from "./schema";

/** Identity of one integration-config version row (immutable upstream once published). */
export interface VersionKey {
  tenantId: string;
  integrationId: string;
  visibility: string;
  version: number;
  configId: string;
}

/** Stores a version's content the first time any console process sees it (later sightings change nothing). */
export async function storeVersion(db: Kysely<Database>, key: VersionKey, content: unknown): Promise<void> {
  await db
    .insertInto("integration_versions")
    .values({
      tenant_id: key.tenantId,
      integration_id: key.integrationId,
      visibility: key.visibility,
      version: key.version,
      config_id: key.configId,
      content: JSON.stringify(content),
    })
    .onConflict((oc) => oc.columns(["tenant_id", "integration_id", "visibility", "version", "config_id"]).doNothing())
    .execute();
}

/** A stored version's content, or null when no console process has seen it. */
export async function loadVersion(db: Kysely<Database>, key: VersionKey): Promise<unknown> {
  const row = await db
    .selectFrom("integration_versions")
    .select("content")
    .where("tenant_id", "=", key.tenantId)
    .where("integration_id", "=", key.integrationId)
    .where("visibility", "=", key.visibility)
    .where("version", "=", key.version)
    .where("config_id", "=", key.configId)
    .executeTakeFirst();
  return row ? row.content : null;
}

/** Which of a lineage's version numbers the store holds content for. */
export async function storedVersionNumbers(
  db: Kysely<Database>,
  tenantId: string,
  integrationId: string,
  visibility: string,
  configId: string,
): Promise<Set<number>> {
  const rows = await db
    .selectFrom("integration_versions")
    .select("version")
    .where("tenant_id", "=", tenantId)
    .where("integration_id", "=", integrationId)
    .where("visibility", "=", visibility)
    .where("config_id", "=", configId)
    .execute();
  return new Set(rows.map((r) => r.version));
}

/** Every (version, config id) pair of one integration the store holds content for, as `version/configId`. */
export async function storedVersionKeys(
  db: Kysely<Database>,
  tenantId: string,
  integrationId: string,
  visibility: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom("integration_versions")
    .select(["version", "config_id"])
    .where("tenant_id", "=", tenantId)
    .where("integration_id", "=", integrationId)
    .where("visibility", "=", visibility)
    .execute();
  return new Set(rows.map((r) => `${r.version}/${r.config_id}`));
}
