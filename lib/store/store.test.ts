import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestAuditFor, listAuditEvents, recordAuditEvent } from "./audit";
import { lineageOf, recordLineage } from "./lineage";
import { MIGRATION_NAMES } from "./migrations";
import { migrateToLatest, openStore, STORE_SCHEMA, type Store, type StoreLocation } from "./open";
import { isSessionRevoked, revokeAllSessionsOf, revokeSession } from "./sessions";
import { latestReviewPerWorkflow, recordReview, reviewsOfWorkflow, setRequireReviewBeforeTriggers, tenantSettings } from "./reviews";
import { recordSignIn, usersBySub } from "./users";
import { loadVersion, storedVersionKeys, storedVersionNumbers, storeVersion } from "./versions";

// The same suite runs on embedded PGlite (always) and on a real Postgres 15 when
// TEST_DATABASE_URL names one (scripts/test.mjs starts a throw-away cluster for it). In CI the
// Postgres run is mandatory: a missing TEST_DATABASE_URL fails instead of silently shrinking.
const pgUrl = process.env.TEST_DATABASE_URL?.trim();

/** A fresh, empty database on the test server for one suite run. */
async function freshPostgresDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `store_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function storeSuite(label: string, setup: () => Promise<{ location: StoreLocation; cleanup: () => Promise<void> }>) {
  describe(`console store on ${label}`, () => {
    let store: Store;
    let location: StoreLocation;
    let cleanup: () => Promise<void> = async () => undefined;

    beforeAll(async () => {
      ({ location, cleanup } = await setup());
      store = await openStore(location);
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      await cleanup();
    });

    it("applies every migration from empty, and applying again changes nothing", async () => {
      const applied = await sql<{ name: string }>`select name from ${sql.table(`${STORE_SCHEMA}.kysely_migration`)} order by name`.execute(
        store.db,
      );
      expect(applied.rows.map((r) => r.name)).toEqual(MIGRATION_NAMES);
      expect(await migrateToLatest(store.db)).toEqual([]);
      const tables = await sql<{
        table_name: string;
      }>`select table_name from information_schema.tables where table_schema = ${STORE_SCHEMA} order by table_name`.execute(store.db);
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(["audit_events", "integration_versions", "run_lineage", "session_cutoffs", "session_revocations", "users"]),
      );
    });

    it("records audit events and pages them newest first, per tenant, with filters", async () => {
      const base = { reason: null, outcome: { status: 200, code: null }, requestId: "r" };
      const ada = { sub: "sub-ada", name: "Ada Admin", email: "ada@example.com" };
      const dev = { sub: "sub-dev", name: "Dev Eloper", email: "dev@example.com" };
      for (let i = 0; i < 5; i++)
        await recordAuditEvent(store.db, {
          ...base,
          tenantId: "t1",
          actor: ada,
          action: "secret.rotate",
          target: `secret:key-${i}`,
          requestId: `req-${i}`,
        });
      await recordAuditEvent(store.db, {
        ...base,
        tenantId: "t1",
        actor: dev,
        action: "execution.cancel",
        target: "execution:wf/e1",
        reason: "stuck",
        outcome: { status: 409, code: "CONFLICT" },
      });
      await recordAuditEvent(store.db, { ...base, tenantId: "t2", actor: ada, action: "secret.rotate", target: "secret:other" });

      const first = await listAuditEvents(store.db, "t1", { limit: 4 });
      expect(first.items.map((e) => e.target)).toEqual(["execution:wf/e1", "secret:key-4", "secret:key-3", "secret:key-2"]);
      expect(first.items[0]).toMatchObject({ actor: dev, reason: "stuck", outcome: { status: 409, code: "CONFLICT" } });
      expect(first.nextCursor).not.toBeNull();
      const second = await listAuditEvents(store.db, "t1", { limit: 4, cursor: first.nextCursor ?? undefined });
      expect(second.items.map((e) => e.target)).toEqual(["secret:key-1", "secret:key-0"]);
      expect(second.nextCursor).toBeNull();

      expect((await listAuditEvents(store.db, "t1", { actor: "ELOPER" })).items).toHaveLength(1);
      expect((await listAuditEvents(store.db, "t1", { actor: "sub-ada" })).items).toHaveLength(5);
      expect((await listAuditEvents(store.db, "t1", { action: "execution.cancel" })).items).toHaveLength(1);
      expect((await listAuditEvents(store.db, "t1", { target: "KEY-3" })).items.map((e) => e.requestId)).toEqual(["req-3"]);
      // LIKE wildcards in the filter are literal characters.
      expect((await listAuditEvents(store.db, "t1", { target: "key_%" })).items).toHaveLength(0);
      expect((await listAuditEvents(store.db, "t1", { from: new Date(Date.now() + 60_000) })).items).toHaveLength(0);
      expect((await listAuditEvents(store.db, "t1", { to: new Date(Date.now() + 60_000) })).items).toHaveLength(6);
      expect((await listAuditEvents(store.db, "t2")).items.map((e) => e.target)).toEqual(["secret:other"]);
      // Only successful outcomes answer "who cancelled this".
      expect(await latestAuditFor(store.db, "t1", "execution:wf/e1", ["execution.cancel"])).toEqual([]);
    });

    it("keeps reviews per tenant, newest first, the newest per version, and the tenant's review setting", async () => {
      const base = {
        workflowName: "qad",
        visibility: "TENANT",
        note: null,
        reviewer: { sub: "s1", name: "Vi", email: "vi@x" },
        diagramSha256: "d",
        envelopeDigest: "sha256:e",
      } as const;
      await recordReview(store.db, "rt1", { ...base, workflowId: "w1", version: "0.3.0", verdict: "does_not_match" });
      const second = await recordReview(store.db, "rt1", { ...base, workflowId: "w1", version: "0.3.0", verdict: "matches", note: "ok" });
      await recordReview(store.db, "rt1", { ...base, workflowId: "w2", version: "0.4.0", verdict: "matches" });
      await recordReview(store.db, "rt2", { ...base, workflowId: "w1", version: "0.3.0", verdict: "matches" });
      expect(second).toMatchObject({ verdict: "matches", note: "ok", reviewer: { sub: "s1" }, at: expect.any(String) });
      expect((await reviewsOfWorkflow(store.db, "rt1", "w1")).map((r) => r.verdict)).toEqual(["matches", "does_not_match"]);
      expect((await latestReviewPerWorkflow(store.db, "rt1", 10)).map((r) => [r.workflowId, r.verdict])).toEqual([
        ["w2", "matches"],
        ["w1", "matches"],
      ]);
      expect(await latestReviewPerWorkflow(store.db, "rt1", 1)).toHaveLength(1);
      expect(await reviewsOfWorkflow(store.db, "rt3", "w1")).toEqual([]);
      expect(await tenantSettings(store.db, "rt1")).toEqual({ requireReviewBeforeTriggers: false, updatedAt: null, updatedBy: null });
      await setRequireReviewBeforeTriggers(store.db, "rt1", true, { sub: "a", name: "Ada" });
      expect(await tenantSettings(store.db, "rt1")).toMatchObject({ requireReviewBeforeTriggers: true, updatedBy: "Ada" });
      await setRequireReviewBeforeTriggers(store.db, "rt1", false, { sub: "a", name: null });
      expect(await tenantSettings(store.db, "rt1")).toMatchObject({ requireReviewBeforeTriggers: false, updatedBy: "a" });
      expect((await tenantSettings(store.db, "rt2")).requireReviewBeforeTriggers).toBe(false);
    });

    it("refuses a revoked session and, after 'sign out everywhere', every older session of the user", async () => {
      const signedInAt = Date.now() - 10_000;
      const a = { sessionId: "s-a", tenantId: "t1", sub: "u1", signedInAt };
      const b = { sessionId: "s-b", tenantId: "t1", sub: "u1", signedInAt };
      const other = { sessionId: "s-c", tenantId: "t1", sub: "u2", signedInAt };
      expect(await isSessionRevoked(store.db, a)).toBe(false);
      await revokeSession(store.db, a, new Date(Date.now() + 3600_000));
      await revokeSession(store.db, a, new Date(Date.now() + 3600_000));
      expect(await isSessionRevoked(store.db, a)).toBe(true);
      expect(await isSessionRevoked(store.db, b)).toBe(false);
      await revokeAllSessionsOf(store.db, "t1", "u1");
      expect(await isSessionRevoked(store.db, b)).toBe(true);
      expect(await isSessionRevoked(store.db, other)).toBe(false);
      // A sign-in after the cut-off is a new, valid session.
      expect(await isSessionRevoked(store.db, { ...b, sessionId: "s-d", signedInAt: Date.now() + 2_000 })).toBe(false);
    });

    it("keeps integration-config versions once, for every process", async () => {
      const key = { tenantId: "t1", integrationId: "crm", visibility: "TENANT", version: 3, configId: "cfg-1" };
      expect(await loadVersion(store.db, key)).toBeNull();
      await storeVersion(store.db, key, { mappings: [{ a: 1 }] });
      await storeVersion(store.db, key, { mappings: "changed later: ignored, versions are immutable" });
      expect(await loadVersion(store.db, key)).toEqual({ mappings: [{ a: 1 }] });
      expect(await loadVersion(store.db, { ...key, configId: "cfg-2" })).toBeNull();
      expect(await loadVersion(store.db, { ...key, tenantId: "t2" })).toBeNull();
      expect([...(await storedVersionNumbers(store.db, "t1", "crm", "TENANT", "cfg-1"))]).toEqual([3]);
      expect([...(await storedVersionKeys(store.db, "t1", "crm", "TENANT"))]).toEqual(["3/cfg-1"]);
      expect((await storedVersionKeys(store.db, "t1", "crm", "GLOBAL")).size).toBe(0);
    });

    it("links retries both ways and remembers names", async () => {
      await recordLineage(store.db, "t1", { executionId: "e2", sourceExecutionId: "e1", workflowId: "wf", kind: "retry", actorSub: "u1" });
      await recordLineage(store.db, "t1", { executionId: "e3", sourceExecutionId: "e2", workflowId: "wf", kind: "retry", actorSub: "u1" });
      const mid = await lineageOf(store.db, "t1", "e2");
      expect(mid.retryOf?.sourceExecutionId).toBe("e1");
      expect(mid.retriedAs.map((l) => l.executionId)).toEqual(["e3"]);
      expect((await lineageOf(store.db, "t2", "e2")).retryOf).toBeNull();

      await recordSignIn(store.db, "t1", { sub: "u1", name: "Old Name", email: null });
      await recordSignIn(store.db, "t1", { sub: "u1", name: "New Name", email: "n@example.com" });
      const users = await usersBySub(store.db, "t1", ["u1", "nobody"]);
      expect(users.get("u1")).toEqual({ sub: "u1", name: "New Name", email: "n@example.com" });
      expect(users.has("nobody")).toBe(false);
    });
  });
}

storeSuite("embedded PGlite (in memory)", async () => ({ location: { kind: "pglite", dataDir: null }, cleanup: async () => undefined }));

describe("embedded PGlite data folder", () => {
  it("keeps data across a close and reopen", { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "console-store-"));
    try {
      const first = await openStore({ kind: "pglite", dataDir: dir });
      await recordSignIn(first.db, "t1", { sub: "u1", name: "Kept", email: null });
      await first.close();
      const second = await openStore({ kind: "pglite", dataDir: dir });
      expect((await usersBySub(second.db, "t1", ["u1"])).get("u1")?.name).toBe("Kept");
      expect(await migrateToLatest(second.db)).toEqual([]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

if (pgUrl) {
  storeSuite("Postgres (TEST_DATABASE_URL)", async () => {
    const db = await freshPostgresDatabase(pgUrl);
    return { location: { kind: "postgres", databaseUrl: db.url }, cleanup: db.drop };
  });

  describe("Postgres: several console processes starting at once", () => {
    it("apply each migration exactly once", { timeout: 60_000 }, async () => {
      const db = await freshPostgresDatabase(pgUrl);
      try {
        const stores = await Promise.all(Array.from({ length: 4 }, () => openStore({ kind: "postgres", databaseUrl: db.url })));
        const applied = await sql<{ name: string }>`select name from ${sql.table(`${STORE_SCHEMA}.kysely_migration`)}`.execute(
          stores[0]!.db,
        );
        expect(applied.rows.map((r) => r.name).sort()).toEqual(MIGRATION_NAMES);
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await db.drop();
      }
    });

    // Only an embedded store (one process) may check revocations in memory (sessions.ts): on a
    // shared Postgres another process's sign-out must hold on this one's very next check.
    it("a sign-out written by one process is refused at once by another", { timeout: 60_000 }, async () => {
      const db = await freshPostgresDatabase(pgUrl);
      try {
        const [one, two] = await Promise.all([
          openStore({ kind: "postgres", databaseUrl: db.url }),
          openStore({ kind: "postgres", databaseUrl: db.url }),
        ]);
        const ref = { sessionId: "pg-a", tenantId: "t1", sub: "u1", signedInAt: Date.now() - 1000 };
        expect(await isSessionRevoked(two!.db, ref)).toBe(false);
        await revokeSession(one!.db, ref, new Date(Date.now() + 3600_000));
        expect(await isSessionRevoked(two!.db, ref)).toBe(true);
        const later = { ...ref, sessionId: "pg-b" };
        expect(await isSessionRevoked(two!.db, later)).toBe(false);
        await revokeAllSessionsOf(one!.db, "t1", "u1");
        expect(await isSessionRevoked(two!.db, later)).toBe(true);
        await Promise.all([one!.close(), two!.close()]);
      } finally {
        await db.drop();
      }
    });
  });
} else {
  describe("Postgres store tests", () => {
    it("have a Postgres to run on in CI", () => {
      // Outside CI a developer may run the PGlite half alone; CI must run both.
      if (process.env.CI) expect.fail("TEST_DATABASE_URL is not set: CI must run the store tests on Postgres 15 (npm test starts one)");
    });
  });
}
