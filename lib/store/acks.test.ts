import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acknowledgeFailureGroup, failureAcksOf, isAckStillValid, unacknowledgeFailureGroup } from "./acks";
import { openStore, type Store } from "./open";

let store: Store;
beforeAll(async () => {
  store = await openStore({ kind: "pglite", dataDir: null });
}, 60_000);
afterAll(async () => {
  await store?.close();
});

describe("failure group acknowledgements", () => {
  it("are stored per tenant with who and when, and re-open on a later occurrence", async () => {
    const lastSeen = new Date("2026-12-01T10:00:00Z");
    await acknowledgeFailureGroup(store.db, "t1", {
      fingerprint: "aaaaaaaaaaaaaaaa",
      actorSub: "s1",
      actorName: "Ada",
      lastSeenAt: lastSeen,
    });
    const acks = await failureAcksOf(store.db, "t1", ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"]);
    expect([...acks.keys()]).toEqual(["aaaaaaaaaaaaaaaa"]);
    const ack = acks.get("aaaaaaaaaaaaaaaa");
    expect(ack).toMatchObject({ actorName: "Ada", lastSeenAt: lastSeen.toISOString() });
    expect(Date.parse(ack?.ackedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
    expect((await failureAcksOf(store.db, "t2", ["aaaaaaaaaaaaaaaa"])).size).toBe(0);
    // Same last occurrence: still acknowledged; a later one re-opens it.
    expect(isAckStillValid(ack!, "2026-12-01T10:00:00.000Z")).toBe(true);
    expect(isAckStillValid(ack!, "2026-12-01T10:00:01.000Z")).toBe(false);
  });

  it("acknowledging again moves the covered occurrence and the actor; removing it is reported once", async () => {
    await acknowledgeFailureGroup(store.db, "t1", {
      fingerprint: "cccccccccccccccc",
      actorSub: "s1",
      actorName: "Ada",
      lastSeenAt: new Date("2026-12-01T10:00:00Z"),
    });
    await acknowledgeFailureGroup(store.db, "t1", {
      fingerprint: "cccccccccccccccc",
      actorSub: "s2",
      actorName: "Bob",
      lastSeenAt: new Date("2026-12-02T10:00:00Z"),
    });
    const ack = (await failureAcksOf(store.db, "t1", ["cccccccccccccccc"])).get("cccccccccccccccc");
    expect(ack).toMatchObject({ actorSub: "s2", actorName: "Bob", lastSeenAt: "2026-12-02T10:00:00.000Z" });
    expect(await unacknowledgeFailureGroup(store.db, "t2", "cccccccccccccccc")).toBe(false);
    expect(await unacknowledgeFailureGroup(store.db, "t1", "cccccccccccccccc")).toBe(true);
    expect(await unacknowledgeFailureGroup(store.db, "t1", "cccccccccccccccc")).toBe(false);
  });
});
