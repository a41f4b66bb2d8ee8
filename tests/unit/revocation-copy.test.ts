import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openStore, type Store } from "@/lib/store/open";

// The embedded store keeps its revocations in memory (lib/store/sessions.ts): these tests pin that
// the copy never answers differently from the tables, whichever module instance of sessions.ts
// reads or writes (proxy.ts and the route handlers are separate bundles in one process).
let store: Store;
beforeAll(async () => {
  store = await openStore({ kind: "pglite", dataDir: null });
}, 120_000);
afterAll(async () => {
  await store.close();
});

/** A second, independent module instance of lib/store/sessions.ts, as another bundle would have. */
async function otherInstance(): Promise<typeof import("@/lib/store/sessions")> {
  vi.resetModules();
  return import("@/lib/store/sessions");
}

describe("revocations of a store this process owns (in-memory copy)", () => {
  it("a sign-out through one module instance holds at once in another, after the copy was read", async () => {
    const first = await import("@/lib/store/sessions");
    const second = await otherInstance();
    expect(second).not.toBe(first);
    const ref = { sessionId: "copy-a", tenantId: "tc", sub: "uc", signedInAt: Date.now() - 1000 };
    // Both instances read (and so hold) the copy before the sign-out.
    expect(await first.isSessionRevoked(store.db, ref)).toBe(false);
    expect(await second.isSessionRevoked(store.db, ref)).toBe(false);
    await first.revokeSession(store.db, ref, new Date(Date.now() + 3600_000));
    expect(await second.isSessionRevoked(store.db, ref)).toBe(true);
    expect(await first.isSessionRevoked(store.db, ref)).toBe(true);
    const later = { ...ref, sessionId: "copy-b" };
    expect(await first.isSessionRevoked(store.db, later)).toBe(false);
    await second.revokeAllSessionsOf(store.db, "tc", "uc");
    expect(await first.isSessionRevoked(store.db, later)).toBe(true);
    // The cut-off is per user and only for sessions that started before it.
    expect(await first.isSessionRevoked(store.db, { ...later, sub: "other" })).toBe(false);
    expect(await first.isSessionRevoked(store.db, { ...later, sessionId: "copy-c", signedInAt: Date.now() + 5000 })).toBe(false);
  });

  it("a check that starts after a sign-out returned sees it, even with checks in flight meanwhile", async () => {
    const { isSessionRevoked, revokeSession } = await import("@/lib/store/sessions");
    const ref = { sessionId: "copy-race", tenantId: "tc", sub: "ur", signedInAt: Date.now() - 1000 };
    expect(await isSessionRevoked(store.db, ref)).toBe(false);
    for (let round = 0; round < 5; round++) {
      const target = { ...ref, sessionId: `copy-race-${round}` };
      // Checks racing the write may answer either way; none started after it may say "not revoked".
      const racing = Array.from({ length: 10 }, () => isSessionRevoked(store.db, target));
      await revokeSession(store.db, target, new Date(Date.now() + 3600_000));
      expect(await isSessionRevoked(store.db, target)).toBe(true);
      await Promise.all(racing);
      expect(await isSessionRevoked(store.db, target)).toBe(true);
    }
  });

  it("answers like the query: the copy agrees with the tables for revoked, cut and untouched sessions", async () => {
    const { isSessionRevoked } = await import("@/lib/store/sessions");
    const rows = await store.db.selectFrom("session_revocations").select("session_id").execute();
    expect(rows.map((r) => r.session_id)).toEqual(expect.arrayContaining(["copy-a", "copy-race-4"]));
    expect(await isSessionRevoked(store.db, { sessionId: "never-revoked", tenantId: "tc", sub: "nobody", signedInAt: 0 })).toBe(false);
  });

  it("purging expired revocations deletes only those, and the copy follows", async () => {
    const sessions = await import("@/lib/store/sessions");
    const expired = { sessionId: "purge-old", tenantId: "tp", sub: "up", signedInAt: Date.now() - 1000 };
    const live = { ...expired, sessionId: "purge-live" };
    await sessions.revokeSession(store.db, expired, new Date(Date.now() - 60_000));
    await sessions.revokeSession(store.db, live, new Date(Date.now() + 3600_000));
    expect(await sessions.isSessionRevoked(store.db, expired)).toBe(true);
    expect(await sessions.purgeExpiredRevocations(store.db)).toBe(1);
    expect(await sessions.isSessionRevoked(store.db, expired)).toBe(false);
    expect(await sessions.isSessionRevoked(store.db, live)).toBe(true);
  });
});
