// Webhooks to internal addresses, against a real HTTP receiver on a loopback port and the real
// store (PGlite): with the operator switch off nothing reaches the receiver, whether the URL names
// the address, `localhost` (resolved by the system resolver) or IPv6 loopback, and the delivery is
// recorded as failed once, never retried; with the switch on the same URL is delivered.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "@/lib/store/open";
import { alertWebhookOf, listAlertDeliveries, putAlertWebhook } from "@/lib/store/alerts";
import { deliverDueAlerts, detectAlerts, postSigned, type DetectableGroup } from "./deliver";
import { ALLOW_INTERNAL_ENV } from "./destination";
import { checkedLookup, checkingLookup, INTERNAL_DESTINATION, type ResolveAll } from "./guarded-agent";
import { sealSecret, unsealSecret } from "./seal";
import { newSigningSecret } from "./signature";
import { startReceiver, type TestReceiver } from "./test-receiver";

const KEY_MATERIAL = "test-auth-secret";
const SECRET = newSigningSecret();
const HINT = `(set ${ALLOW_INTERNAL_ENV}=1 to allow)`;

let hook: TestReceiver;
let port = 0;
let store: Store;

beforeAll(async () => {
  hook = await startReceiver(SECRET);
  port = hook.port;
  store = await openStore({ kind: "pglite", dataDir: null });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await hook?.close();
});

beforeEach(() => hook.reset());

describe("a webhook POST to an internal address", () => {
  it("is refused before connecting when the switch is off, for a literal address, localhost and ::1", async () => {
    const cases: Array<[string, string]> = [
      [`http://127.0.0.1:${port}/hook`, `refused: 127.0.0.1 is an internal address ${HINT}`],
      [`http://localhost:${port}/hook`, `refused: localhost resolves to an internal address ${HINT}`],
      [`https://localhost:${port}/hook`, `refused: localhost resolves to an internal address ${HINT}`],
      [`http://[::1]:${port}/hook`, `refused: ::1 is an internal address ${HINT}`],
      [`http://2130706433:${port}/hook`, `refused: 127.0.0.1 is an internal address ${HINT}`],
    ];
    for (const [url, error] of cases) {
      const r = await postSigned(url, SECRET, "{}", { allowInternal: false });
      expect(r, url).toMatchObject({ status: null, refused: true, error });
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(hook.received).toHaveLength(0);
  });

  it("is delivered, signed, when the operator allows internal destinations", async () => {
    const r = await postSigned(`http://localhost:${port}/hook`, SECRET, '{"id":"x"}', { allowInternal: true });
    expect(r).toMatchObject({ status: 200, error: null, refused: false });
    expect(hook.received.map(({ body, valid }) => ({ body, valid }))).toEqual([{ body: '{"id":"x"}', valid: true }]);
  });

  it("an ordinary network failure is not a refusal", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", () => resolve()));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await postSigned(`http://127.0.0.1:${closedPort}/`, SECRET, "{}", { allowInternal: true });
    expect(r).toMatchObject({ status: null, refused: false, error: "ECONNREFUSED" });
  });

  it("the checking lookup fails for a name with an internal address, in both answer shapes", async () => {
    for (const all of [true, false]) {
      const error = await new Promise<unknown>((resolve) => checkedLookup("localhost", { all }, (e) => resolve(e)));
      expect(error, String(all)).toMatchObject({
        code: INTERNAL_DESTINATION,
        message: `refused: localhost resolves to an internal address ${HINT}`,
      });
    }
  });

  it("checks every address a name resolves to, and connects only to the addresses it checked", async () => {
    const answers: Record<string, string[]> = {
      "mixed.test": ["93.184.216.34", "10.0.0.7"],
      "mapped.test": ["2606:4700::6810:84e5", "::ffff:169.254.169.254"],
      "public.test": ["93.184.216.34", "2606:4700::6810:84e5"],
    };
    let calls = 0;
    const resolve: ResolveAll = (hostname, _options, callback) => {
      calls++;
      callback(
        null,
        (answers[hostname] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
      );
    };
    const lookup = checkingLookup(resolve);
    const run = (host: string, all: boolean) =>
      new Promise<{ error: unknown; result: unknown }>((done) => lookup(host, { all }, (error, result) => done({ error, result })));
    for (const host of ["mixed.test", "mapped.test"]) {
      const { error } = await run(host, true);
      expect(error, host).toMatchObject({
        code: INTERNAL_DESTINATION,
        message: `refused: ${host} resolves to an internal address ${HINT}`,
      });
    }
    expect((await run("public.test", true)).result).toEqual([
      { address: "93.184.216.34", family: 4 },
      { address: "2606:4700::6810:84e5", family: 6 },
    ]);
    expect(await run("public.test", false)).toEqual({ error: null, result: "93.184.216.34" });
    // one resolution per lookup: nothing is asked again between the check and the connection
    expect(calls).toBe(4);
  });
});

function group(): DetectableGroup {
  const now = new Date().toISOString();
  return {
    fingerprint: "0123456789abcdef",
    workflowName: "damage-claim-intake",
    status: "FAILED",
    count: 1,
    firstSeen: now,
    lastSeen: now,
    signature: "HTTP <n> — NOT_FOUND — Secret not found",
    cause: { title: "Secret CLAIMS_PORTAL_TOKEN is not set", owner: "tenant admin" },
    ack: null,
  };
}

const webhookFor = async (tenantId: string) => {
  const w = await alertWebhookOf(store.db, tenantId);
  const secret = w ? unsealSecret(w.secret_sealed, KEY_MATERIAL) : null;
  return w && secret ? { url: w.url, secret } : null;
};

async function queueFor(tenant: string, url: string): Promise<void> {
  await putAlertWebhook(store.db, tenant, { url, secretSealed: sealSecret(SECRET, KEY_MATERIAL), bySub: "admin", byName: "Ada" });
  expect(await detectAlerts(store.db, { tenantId: tenant, groups: [group()], origin: "" })).toBe(1);
}

describe("the alert sender and internal addresses", () => {
  it("records a refused delivery as failed after one attempt and never retries it", async () => {
    await queueFor("tenant-refused", `http://localhost:${port}/hook`);
    expect(await deliverDueAlerts({ db: store.db, owner: "p1", webhookFor, allowInternal: false })).toBe(1);
    // past the first retry pause: nothing is due any more
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await deliverDueAlerts({ db: store.db, owner: "p1", webhookFor, allowInternal: false })).toBe(0);
    const [row] = await listAlertDeliveries(store.db, "tenant-refused");
    expect(row).toMatchObject({
      status: "failed",
      attempts: 1,
      last_status: null,
      last_error: `refused: localhost resolves to an internal address ${HINT}`,
    });
    expect(hook.received).toHaveLength(0);
  });

  it("delivers the same kind of URL when the switch is on", async () => {
    await queueFor("tenant-allowed", `http://localhost:${port}/hook`);
    expect(await deliverDueAlerts({ db: store.db, owner: "p1", webhookFor, allowInternal: true })).toBe(1);
    const [row] = await listAlertDeliveries(store.db, "tenant-allowed");
    expect(row).toMatchObject({ status: "delivered", attempts: 1, last_status: 200, last_error: null });
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]?.valid).toBe(true);
  });
});
