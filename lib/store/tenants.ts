import type { Kysely } from "kysely";
import type { Database } from "./schema";

/** Longest tenant display name kept. */
export const TENANT_NAME_MAX = 80;

/** The tenant's display name as a tenant admin set it, or null until one does. */
export async function tenantDisplayName(db: Kysely<Database>, tenantId: string): Promise<string | null> {
  const row = await db.selectFrom("tenant_names").select("display_name").where("tenant_id", "=", tenantId).executeTakeFirst();
  return row?.display_name ?? null;
}

/** Sets, replaces or (null) clears the tenant's display name; the BFF audits the call. */
export async function setTenantDisplayName(
  db: Kysely<Database>,
  tenantId: string,
  name: string | null,
  bySub: string,
  at = new Date(),
): Promise<void> {
  await db
    .insertInto("tenant_names")
    .values({ tenant_id: tenantId, display_name: name, updated_by_sub: bySub, updated_at: at })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ display_name: name, updated_by_sub: bySub, updated_at: at }))
    .execute();
}
