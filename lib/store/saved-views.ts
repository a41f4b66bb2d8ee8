import type { Kysely, Selectable } from "kysely";
import type { Database, SavedViewsTable } from "./schema";

/** Most views one person may own (personal and shared); keeps the list bounded. */
export const SAVED_VIEWS_PER_PERSON = 50;

/** A named filter set of the executions list, as the caller sees it. */
export interface SavedView {
  id: string;
  name: string;
  /** The list's filter query, without a leading `?`. */
  query: string;
  shared: boolean;
  ownerSub: string;
  createdAt: string;
  /** This view is the caller's default. */
  isDefault: boolean;
}

/** Why a saved-view change was refused (the BFF maps each to a status). */
export class SavedViewError extends Error {
  constructor(
    readonly reason: "not_found" | "forbidden" | "duplicate" | "too_many",
    message: string,
  ) {
    super(message);
  }
}

function toView(r: Selectable<SavedViewsTable>, defaultId: string | null): SavedView {
  return {
    id: r.id,
    name: r.name,
    query: r.query,
    shared: r.shared,
    ownerSub: r.owner_sub,
    createdAt: new Date(r.created_at).toISOString(),
    isDefault: r.id === defaultId,
  };
}

async function defaultIdOf(db: Kysely<Database>, tenantId: string, sub: string): Promise<string | null> {
  const row = await db
    .selectFrom("saved_view_defaults")
    .select("view_id")
    .where("tenant_id", "=", tenantId)
    .where("sub", "=", sub)
    .executeTakeFirst();
  return row?.view_id ?? null;
}

/** The views `sub` may use: their own and every view shared in the tenant, by name. */
export async function listSavedViews(db: Kysely<Database>, tenantId: string, sub: string): Promise<SavedView[]> {
  const rows = await db
    .selectFrom("saved_views")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where((eb) => eb.or([eb("owner_sub", "=", sub), eb("shared", "=", true)]))
    .orderBy("name")
    .orderBy("created_at")
    .limit(500)
    .execute();
  const defaultId = await defaultIdOf(db, tenantId, sub);
  return rows.map((r) => toView(r, defaultId));
}

/** Saves a new view owned by `sub`; a second view of the same owner and name is refused. */
export async function createSavedView(
  db: Kysely<Database>,
  tenantId: string,
  sub: string,
  input: { name: string; query: string; shared: boolean },
): Promise<SavedView> {
  return db.transaction().execute(async (tx) => {
    const own = await tx
      .selectFrom("saved_views")
      .select(["id", "name"])
      .where("tenant_id", "=", tenantId)
      .where("owner_sub", "=", sub)
      .execute();
    if (own.some((v) => v.name.toLowerCase() === input.name.toLowerCase()))
      throw new SavedViewError("duplicate", `You already have a view named "${input.name}"`);
    if (own.length >= SAVED_VIEWS_PER_PERSON)
      throw new SavedViewError("too_many", `At most ${SAVED_VIEWS_PER_PERSON} saved views per person: delete one first`);
    const row = await tx
      .insertInto("saved_views")
      .values({ id: crypto.randomUUID(), tenant_id: tenantId, owner_sub: sub, name: input.name, query: input.query, shared: input.shared })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toView(row, null);
  });
}

/**
 * Deletes a view: its owner may, and a tenant admin may delete a shared one. Anyone's default
 * pointing at it goes with it.
 */
export async function deleteSavedView(
  db: Kysely<Database>,
  tenantId: string,
  viewId: string,
  caller: { sub: string; isTenantAdmin: boolean },
): Promise<SavedView> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom("saved_views")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", viewId)
      .executeTakeFirst();
    // Another person's personal view is not even acknowledged.
    if (!row || (!row.shared && row.owner_sub !== caller.sub)) throw new SavedViewError("not_found", "No such saved view");
    if (row.owner_sub !== caller.sub && !caller.isTenantAdmin)
      throw new SavedViewError("forbidden", "Only the person who saved this view or a tenant admin can delete it");
    await tx.deleteFrom("saved_view_defaults").where("tenant_id", "=", tenantId).where("view_id", "=", viewId).execute();
    await tx.deleteFrom("saved_views").where("id", "=", viewId).execute();
    return toView(row, null);
  });
}

/** Makes a view `sub` may use their default (or clears the default with null). */
export async function setDefaultSavedView(db: Kysely<Database>, tenantId: string, sub: string, viewId: string | null): Promise<void> {
  if (viewId === null) {
    await db.deleteFrom("saved_view_defaults").where("tenant_id", "=", tenantId).where("sub", "=", sub).execute();
    return;
  }
  const row = await db
    .selectFrom("saved_views")
    .select(["owner_sub", "shared"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", viewId)
    .executeTakeFirst();
  if (!row || (!row.shared && row.owner_sub !== sub)) throw new SavedViewError("not_found", "No such saved view");
  await db
    .insertInto("saved_view_defaults")
    .values({ tenant_id: tenantId, sub, view_id: viewId })
    .onConflict((oc) => oc.columns(["tenant_id", "sub"]).doUpdateSet({ view_id: viewId }))
    .execute();
}
