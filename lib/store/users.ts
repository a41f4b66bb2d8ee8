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
  const rows = await db.selectFrom("users").select(["sub", "name", "email"]).where("tenant_id", "=", tenantId).where("sub", "in", unique).execute();
  return new Map(rows.map((r) => [r.sub, r]));
}
