import type { Kysely } from "kysely";
import type { Database } from "./schema";

/** What the store needs to know about a session to decide whether it was revoked. */
export interface SessionRef {
  sessionId: string;
  tenantId: string;
  sub: string;
  /** Epoch milliseconds of the sign-in that started the session. */
  signedInAt: number;
}

// ---------------------------------------------------------------------------------------------
// Revocation check on a store this process owns alone. Every BFF request asks whether its session
// was signed out; on the embedded PGlite store that query cost ~1–2.5 ms of CPU per request (PGlite
// runs Postgres in WebAssembly on the request's own thread), most of the BFF's added latency.
// An embedded PGlite folder is opened by exactly one process (lib/store/instance.ts), so every
// write to the two revocation tables goes through revokeSession / revokeAllSessionsOf /
// purgeExpiredRevocations below, in this process. For such a store (marked by openStore) the two
// tables are read once into memory and the copy is dropped BEFORE any of those writes returns; the
// next check reads them again. So a check that starts after a sign-out has returned always sees
// it, exactly as with the query. The copy lives on globalThis because proxy.ts and the route
// handlers are bundled as separate module instances of this file in one process.
// A Postgres store is shared by several console processes, and another process's sign-out would
// not reach this copy: it keeps the query on every check (one indexed round trip).
// ---------------------------------------------------------------------------------------------

interface RevocationCopy {
  sessions: Set<string>;
  /** `${tenantId}\0${sub}` → "sign out everywhere" cut-off, epoch ms. */
  cutoffs: Map<string, number>;
}

interface OwnedStore {
  copy?: Promise<RevocationCopy>;
}

const SLOT = Symbol.for("pegasus.console.ownedRevocations");
type Holder = typeof globalThis & { [SLOT]?: WeakMap<object, OwnedStore> };

function ownedStores(): WeakMap<object, OwnedStore> {
  const g = globalThis as Holder;
  g[SLOT] ??= new WeakMap();
  return g[SLOT];
}

/** Marks `db` as a store only this process writes (embedded PGlite): its revocations are checked in memory. */
export function markStoreOwnedByThisProcess(db: Kysely<Database>): void {
  if (!ownedStores().has(db)) ownedStores().set(db, {});
}

function cutoffKey(tenantId: string, sub: string): string {
  return `${tenantId}\u0000${sub}`;
}

async function readRevocations(db: Kysely<Database>): Promise<RevocationCopy> {
  const sessions = await db.selectFrom("session_revocations").select("session_id").execute();
  const cutoffs = await db.selectFrom("session_cutoffs").select(["tenant_id", "sub", "not_before"]).execute();
  return {
    sessions: new Set(sessions.map((r) => r.session_id)),
    cutoffs: new Map(cutoffs.map((r) => [cutoffKey(r.tenant_id, r.sub), new Date(r.not_before).getTime()])),
  };
}

function revocationCopy(db: Kysely<Database>, owned: OwnedStore): Promise<RevocationCopy> {
  if (!owned.copy) {
    const reading = readRevocations(db);
    owned.copy = reading;
    // A failed read is not kept: the next check reads again (and this one fails closed upstream).
    reading.catch(() => {
      if (owned.copy === reading) owned.copy = undefined;
    });
  }
  return owned.copy;
}

/** Runs a write to the revocation tables; the in-memory copy (if any) is dropped before it returns, even when it throws. */
async function writingRevocations<T>(db: Kysely<Database>, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    const owned = ownedStores().get(db);
    if (owned) owned.copy = undefined;
  }
}

/** Records one session as signed out; every console process refuses it from now on. */
export async function revokeSession(db: Kysely<Database>, ref: Omit<SessionRef, "signedInAt">, expiresAt: Date): Promise<void> {
  await writingRevocations(db, () =>
    db
      .insertInto("session_revocations")
      .values({ session_id: ref.sessionId, tenant_id: ref.tenantId, sub: ref.sub, expires_at: expiresAt })
      .onConflict((oc) => oc.column("session_id").doNothing())
      .execute(),
  );
}

/** "Sign out everywhere": every session of this user signed in up to now is refused. */
export async function revokeAllSessionsOf(db: Kysely<Database>, tenantId: string, sub: string, now = new Date()): Promise<void> {
  await writingRevocations(db, () =>
    db
      .insertInto("session_cutoffs")
      .values({ tenant_id: tenantId, sub, not_before: now })
      .onConflict((oc) => oc.columns(["tenant_id", "sub"]).doUpdateSet({ not_before: now }))
      .execute(),
  );
}

/**
 * True when the session was signed out, alone or by "sign out everywhere". One round trip on a
 * shared (Postgres) store; an in-memory lookup on a store this process owns (see above).
 */
export async function isSessionRevoked(db: Kysely<Database>, ref: SessionRef): Promise<boolean> {
  const owned = ownedStores().get(db);
  if (owned) {
    const copy = await revocationCopy(db, owned);
    const cutoff = copy.cutoffs.get(cutoffKey(ref.tenantId, ref.sub));
    return copy.sessions.has(ref.sessionId) || (cutoff !== undefined && cutoff >= ref.signedInAt);
  }
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom("session_revocations").select("session_id").where("session_id", "=", ref.sessionId)).as("revoked"),
      eb
        .exists(
          eb
            .selectFrom("session_cutoffs")
            .select("sub")
            .where("tenant_id", "=", ref.tenantId)
            .where("sub", "=", ref.sub)
            .where("not_before", ">=", new Date(ref.signedInAt)),
        )
        .as("cut"),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.revoked) || Boolean(row.cut);
}

/** Deletes revocation rows of sessions that have expired anyway. */
export async function purgeExpiredRevocations(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await writingRevocations(db, () => db.deleteFrom("session_revocations").where("expires_at", "<", now).executeTakeFirst());
  return Number(result.numDeletedRows);
}
