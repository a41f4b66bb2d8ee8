// Detection and delivery against the real store and a real HTTP receiver on a free loopback port:
// the receiver checks every signature with the shared secret. Runs on PGlite, and on Postgres when
// TEST_DATABASE_URL is set (`npm test` sets it), where the two racing "processes" are two stores
// with their own connection pools on one database. The receiver is on loopback, so the sender is
// told internal destinations are allowed (ALERT_WEBHOOK_ALLOW_INTERNAL; refusal.test.ts covers "not").
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store, type StoreLocation } from "@/lib/store/open";
import { alertWebhookOf, listAlertDeliveries, putAlertWebhook } from "@/lib/store/alerts";
import { deliverDueAlerts, detectAlerts, type DetectableGroup } from "./deliver";
import { sealSecret, unsealSecret } from "./seal";
import { newSigningSecret, verifySignature } from "./signature";
import { startReceiver, type TestReceiver } from "./test-receiver";

const KEY_MATERIAL = "test-auth-secret";
/** The operator switch, passed explicitly: the receiver is on 127.0.0.1. */
const allowInternal = true;
const SECRET = newSigningSecret();

let store: Store;
/** A second console process's store (the same one on PGlite: one process per data folder there). */
let other: Store;
let hook: TestReceiver;
let url = "";

beforeAll(async () => {
  hook = await startReceiver(SECRET);
  url = `http://127.0.0.1:${hook.port}/hooks/pegasus`;
}, 60_000);

afterAll(async () => {
  await hook?.close();
});

let tenant = "";
let n = 0;

const webhookFor = async (tenantId: string) => {
  const w = await alertWebhookOf(store.db, tenantId);
  const secret = w ? unsealSecret(w.secret_sealed, KEY_MATERIAL) : null;
  return w && secret ? { url: w.url, secret } : null;
};

function group(over: Partial<DetectableGroup> = {}): DetectableGroup {
  const now = new Date().toISOString();
  return {
    fingerprint: "0123456789abcdef",
    workflowName: "damage-claim-intake",
    status: "FAILED",
    count: 3,
    firstSeen: now,
    lastSeen: now,
    signature: "HTTP <n> — NOT_FOUND — Secret not found",
    cause: { title: "Secret CLAIMS_PORTAL_TOKEN is not set", owner: "tenant admin" },
    ack: null,
    ...over,
  };
}

/** Runs the sender until nothing is due for `ms` (retries wait their backoff). */
async function drain(owner: string, until: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !until()) {
    await deliverDueAlerts({ db: store.db, owner, webhookFor, allowInternal });
    await new Promise((r) => setTimeout(r, 100));
  }
}

function suite(name: string, open: () => Promise<{ location: StoreLocation; cleanup?: () => Promise<void> }>, twoProcesses: boolean) {
  describe(`failure alerts over the store and a real receiver: ${name}`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const opened = await open();
      cleanup = opened.cleanup;
      store = await openStore(opened.location);
      other = twoProcesses ? await openStore(opened.location) : store;
    }, 60_000);
    afterAll(async () => {
      if (other !== store) await other?.close();
      await store?.close();
      await cleanup?.();
    });
    beforeEach(async () => {
      hook.reset();
      tenant = `tenant-${++n}`;
      await putAlertWebhook(store.db, tenant, { url, secretSealed: sealSecret(SECRET, KEY_MATERIAL), bySub: "admin", byName: "Ada" });
    });

    it("a new group is sent signed with the shared secret, naming the workflow, without a secret or the raw message", async () => {
      expect(await detectAlerts(store.db, { tenantId: tenant, groups: [group()], origin: "http://console.test" })).toBe(1);
      await drain("p1", () => hook.received.length >= 1);
      expect(hook.received).toHaveLength(1);
      const [msg] = hook.received;
      expect(msg?.valid).toBe(true);
      expect(msg?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifySignature("whsec_wrong", msg?.body ?? "", msg?.signature)).toBe(false);
      const body = JSON.parse(msg?.body ?? "{}") as {
        type: string;
        tenant: string;
        group: { workflowName: string; link: string; count: number };
      };
      expect(body).toMatchObject({
        type: "failure_group.new",
        tenant,
        group: {
          workflowName: "damage-claim-intake",
          count: 3,
          link: "http://console.test/executions/attention?days=7&workflow=damage-claim-intake",
        },
      });
      expect(msg?.body).not.toContain(SECRET);
      const [row] = await listAlertDeliveries(store.db, tenant);
      expect(row).toMatchObject({ status: "delivered", attempts: 1, last_status: 200 });
      // computing the groups again queues nothing more
      expect(await detectAlerts(store.db, { tenantId: tenant, groups: [group({ count: 4 })], origin: "http://console.test" })).toBe(0);
    });

    it("a 500 and a 429 from the receiver are retried with backoff, then it succeeds", async () => {
      hook.script.push(500, 429);
      await detectAlerts(store.db, { tenantId: tenant, groups: [group()], origin: "http://console.test" });
      const started = Date.now();
      await drain("p1", () => hook.received.length >= 3);
      expect(hook.received.map((r) => r.valid)).toEqual([true, true, true]);
      // the same message each time (same id), signed afresh
      expect(new Set(hook.received.map((r) => (JSON.parse(r.body) as { id: string }).id)).size).toBe(1);
      // 1 s after the first failure, 2 s after the second
      expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
      const [row] = await listAlertDeliveries(store.db, tenant);
      expect(row).toMatchObject({ status: "delivered", attempts: 3, last_status: 200 });
    }, 30_000);

    it("a 4xx other than 429 is final", async () => {
      hook.script.push(410);
      await detectAlerts(store.db, { tenantId: tenant, groups: [group()], origin: "http://console.test" });
      await drain("p1", () => hook.received.length >= 1);
      await new Promise((r) => setTimeout(r, 1_500));
      await deliverDueAlerts({ db: store.db, owner: "p1", webhookFor, allowInternal });
      expect(hook.received).toHaveLength(1);
      const [row] = await listAlertDeliveries(store.db, tenant);
      expect(row).toMatchObject({ status: "failed", attempts: 1, last_status: 410, last_error: "HTTP 410" });
    });

    it("a new group is delivered exactly once when two processes detect and send at the same time", async () => {
      const g = group({ fingerprint: "fedcba9876543210" });
      const queued = await Promise.all([
        detectAlerts(store.db, { tenantId: tenant, groups: [g], origin: "http://a.test" }),
        detectAlerts(other.db, { tenantId: tenant, groups: [g], origin: "http://b.test" }),
        detectAlerts(store.db, { tenantId: tenant, groups: [g], origin: "http://c.test" }),
      ]);
      expect(queued.reduce((a, b) => a + b, 0)).toBe(1);
      await Promise.all([
        deliverDueAlerts({ db: store.db, owner: "process-a", webhookFor, allowInternal }),
        deliverDueAlerts({ db: other.db, owner: "process-b", webhookFor, allowInternal }),
      ]);
      await new Promise((r) => setTimeout(r, 300));
      expect(hook.received).toHaveLength(1);
      expect(hook.received[0]?.valid).toBe(true);
      expect(await listAlertDeliveries(store.db, tenant)).toHaveLength(1);
    });

    it("an acknowledged group that occurs again is announced as re-opened, once per acknowledgement; older groups are not new", async () => {
      const created = (await alertWebhookOf(store.db, tenant))?.created_at as Date;
      const before = new Date(new Date(created).getTime() - 60_000).toISOString();
      const ackedAt = new Date(new Date(created).getTime() + 1_000).toISOString();
      const later = new Date(new Date(created).getTime() + 5_000).toISOString();
      // first seen before the webhook existed: not "new"; acknowledged as of ackedAt, still valid
      expect(
        await detectAlerts(store.db, {
          tenantId: tenant,
          groups: [group({ firstSeen: before, lastSeen: ackedAt, ack: { lastSeenAt: ackedAt } })],
          origin: "http://console.test",
        }),
      ).toBe(0);
      // a run after the acknowledgement re-opens it
      const reopened = group({ firstSeen: before, lastSeen: later, ack: { lastSeenAt: ackedAt } });
      expect(await detectAlerts(store.db, { tenantId: tenant, groups: [reopened], origin: "http://console.test" })).toBe(1);
      expect(await detectAlerts(store.db, { tenantId: tenant, groups: [{ ...reopened, count: 9 }], origin: "http://console.test" })).toBe(
        0,
      );
      await drain("p1", () => hook.received.length >= 1);
      expect((JSON.parse(hook.received[0]?.body ?? "{}") as { type: string }).type).toBe("failure_group.reopened");
      expect(hook.received[0]?.valid).toBe(true);
    });

    it("a group an earlier scan already recorded is never new, even if a later scan's window starts after the webhook", async () => {
      const created = (await alertWebhookOf(store.db, tenant))?.created_at as Date;
      const before = new Date(new Date(created).getTime() - 3_600_000).toISOString();
      const after = new Date(new Date(created).getTime() + 60_000).toISOString();
      // the first scan sees the group with its real, older first failure
      expect(
        await detectAlerts(store.db, { tenantId: tenant, groups: [group({ firstSeen: before })], origin: "http://console.test" }),
      ).toBe(0);
      // a later scan whose window no longer reaches that failure: the group looks recent, but was seen
      expect(await detectAlerts(store.db, { tenantId: tenant, groups: [group({ firstSeen: after })], origin: "http://console.test" })).toBe(
        0,
      );
      // another group, first recorded by this scan after the webhook: new
      expect(
        await detectAlerts(store.db, {
          tenantId: tenant,
          groups: [group({ firstSeen: after }), group({ fingerprint: "fedcba9876543210", firstSeen: after })],
          origin: "http://console.test",
        }),
      ).toBe(1);
    });

    it("without a webhook nothing is queued", async () => {
      expect(await detectAlerts(store.db, { tenantId: "tenant-without-webhook", groups: [group()], origin: "http://console.test" })).toBe(
        0,
      );
    });
  });
}

suite("PGlite", async () => ({ location: { kind: "pglite", dataDir: null } }), false);

const pgUrl = process.env.TEST_DATABASE_URL?.trim();
if (pgUrl) {
  suite(
    "Postgres (TEST_DATABASE_URL)",
    async () => {
      const dbName = `alerts_test_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      await admin.end();
      const dbUrl = new URL(pgUrl);
      dbUrl.pathname = `/${dbName}`;
      return {
        location: { kind: "postgres", databaseUrl: dbUrl.toString() },
        cleanup: async () => {
          const c = new pg.Client({ connectionString: pgUrl });
          await c.connect();
          await c.query(`drop database if exists ${dbName} with (force)`);
          await c.end();
        },
      };
    },
    true,
  );
}
