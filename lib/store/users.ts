import type { Kysely } from "kysely";
import type { Database } from "./schema";

/** A person the console has seen sign in. */
export interface KnownUser {
  sub: string;
  name: string | null;
  email: string | null;
}

/** Records (or refreshes) the user's name and e-mail at sign-in. */
export async function recordSignIn(db: Kysely<Database>, tenantId: string, user: KnownUser, at = new Date()): Promise<void> {
  await db
    .insertInto("users")
    .values({ tenant_id: tenantId, sub: user.sub, name: user.name, email: user.email, last_sign_in_at: at })
    .onConflict((oc) => oc.columns(["tenant_id", "sub"]).doUpdateSet({ name: user.name, email: user.email, last_sign_in_at: at }))
    .execute();
}

/** Names of the given subs in one tenant (unknown subs are absent). */
export async function usersBySub(db: Kysely<Database>, tenantId: string, subs: string[]): Promise<Map<string, KnownUser>> {
  const unique = [...new Set(subs)].filter(Boolean);
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["sub", "name", "email"])
    .where("tenant_id", "=", tenantId)
    .where("sub", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.sub, r]));
}

/** Most ids one resolve call answers (the BFF refuses longer lists). */
export const RESOLVE_PEOPLE_MAX = 100;

/**
 * Records that the API's user id `userId` is the person signed in as `sub` (learned from a row that
 * person just created through the console: a run's triggeredByUserId, a version's publishedBy).
 */
export async function recordUserId(db: Kysely<Database>, tenantId: string, userId: string, sub: string, at = new Date()): Promise<void> {
  await db
    .insertInto("user_ids")
    .values({ tenant_id: tenantId, user_id: userId, sub, learned_at: at })
    .onConflict((oc) => oc.columns(["tenant_id", "user_id"]).doUpdateSet({ sub, learned_at: at }))
    .execute();
}

/** A person as the UI names them: the id asked about, their sub when known, name and e-mail. */
export interface ResolvedPerson {
  id: string;
  sub: string | null;
  name: string | null;
  email: string | null;
}

/**
 * Names for ids that are either OIDC subs or the API's user ids, in one tenant. Every id asked
 * about comes back; an id nobody is known by has sub, name and e-mail null.
 */
export async function resolvePeople(db: Kysely<Database>, tenantId: string, ids: string[]): Promise<ResolvedPerson[]> {
  const unique = [...new Set(ids)].filter(Boolean).slice(0, RESOLVE_PEOPLE_MAX);
  if (unique.length === 0) return [];
  const links = await db
    .selectFrom("user_ids")
    .select(["user_id", "sub"])
    .where("tenant_id", "=", tenantId)
    .where("user_id", "in", unique)
    .execute();
  const subOf = new Map(links.map((l) => [l.user_id, l.sub]));
  const users = await usersBySub(db, tenantId, [...unique, ...links.map((l) => l.sub)]);
  return unique.map((id) => {
    const sub = subOf.get(id) ?? (users.has(id) ? id : null);
    const user = sub ? users.get(sub) : undefined;
    return { id, sub, name: user?.name ?? null, email: user?.email ?? null };
  });
}
