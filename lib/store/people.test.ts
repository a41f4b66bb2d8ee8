import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "./open";
import { createSavedView, deleteSavedView, listSavedViews, SavedViewError, setDefaultSavedView } from "./saved-views";
import { setTenantDisplayName, tenantDisplayName } from "./tenants";
import { recordSignIn, recordUserId, resolvePeople } from "./users";

// Issue #16 (people): names, the tenant's display name and saved views, on embedded PGlite.
describe("console store: people, tenant names, saved views", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ kind: "pglite", dataDir: null });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it("resolves subs and learned API user ids to names, per tenant; unknown ids come back empty", async () => {
    await recordSignIn(store.db, "t1", { sub: "sub-ada", name: "Ada Admin", email: "ada@example.com" });
    await recordUserId(store.db, "t1", "user-ada", "sub-ada");
    await recordUserId(store.db, "t2", "user-x", "sub-ada");
    const people = await resolvePeople(store.db, "t1", ["user-ada", "sub-ada", "user-nobody", "user-ada"]);
    expect(people).toEqual([
      { id: "user-ada", sub: "sub-ada", name: "Ada Admin", email: "ada@example.com" },
      { id: "sub-ada", sub: "sub-ada", name: "Ada Admin", email: "ada@example.com" },
      { id: "user-nobody", sub: null, name: null, email: null },
    ]);
    // Another tenant's link and users stay there.
    expect(await resolvePeople(store.db, "t2", ["user-x", "user-ada"])).toEqual([
      { id: "user-x", sub: "sub-ada", name: null, email: null },
      { id: "user-ada", sub: null, name: null, email: null },
    ]);
    expect(await resolvePeople(store.db, "t1", [])).toEqual([]);
  });

  it("keeps the tenant's display name, replaceable, per tenant", async () => {
    expect(await tenantDisplayName(store.db, "t1")).toBeNull();
    await setTenantDisplayName(store.db, "t1", "Acme Moving", "sub-ada");
    await setTenantDisplayName(store.db, "t1", "Acme Movers", "sub-ada");
    expect(await tenantDisplayName(store.db, "t1")).toBe("Acme Movers");
    expect(await tenantDisplayName(store.db, "t2")).toBeNull();
  });

  it("lists own and shared views, refuses duplicates, deletes only by owner or tenant admin, keeps one default", async () => {
    const mine = await createSavedView(store.db, "t1", "sub-dev", { name: "Failed today", query: "status=FAILED", shared: false });
    const team = await createSavedView(store.db, "t1", "sub-dev", { name: "Team: stuck", query: "status=RUNNING", shared: true });
    await expect(createSavedView(store.db, "t1", "sub-dev", { name: "failed TODAY", query: "x=1", shared: false })).rejects.toBeInstanceOf(
      SavedViewError,
    );

    expect((await listSavedViews(store.db, "t1", "sub-dev")).map((v) => v.name)).toEqual(["Failed today", "Team: stuck"]);
    expect((await listSavedViews(store.db, "t1", "sub-ops")).map((v) => v.name)).toEqual(["Team: stuck"]);
    expect(await listSavedViews(store.db, "t2", "sub-dev")).toEqual([]);

    await setDefaultSavedView(store.db, "t1", "sub-ops", team.id);
    expect((await listSavedViews(store.db, "t1", "sub-ops")).find((v) => v.isDefault)?.id).toBe(team.id);
    // Someone else's personal view can be neither a default nor deleted (it does not exist for them).
    await expect(setDefaultSavedView(store.db, "t1", "sub-ops", mine.id)).rejects.toMatchObject({ reason: "not_found" });
    await expect(deleteSavedView(store.db, "t1", mine.id, { sub: "sub-ops", isTenantAdmin: true })).rejects.toMatchObject({
      reason: "not_found",
    });
    await expect(deleteSavedView(store.db, "t1", team.id, { sub: "sub-ops", isTenantAdmin: false })).rejects.toMatchObject({
      reason: "forbidden",
    });
    await expect(deleteSavedView(store.db, "t2", team.id, { sub: "sub-dev", isTenantAdmin: true })).rejects.toMatchObject({
      reason: "not_found",
    });

    // A tenant admin removes the shared view; the default pointing at it goes too.
    await deleteSavedView(store.db, "t1", team.id, { sub: "sub-admin", isTenantAdmin: true });
    expect((await listSavedViews(store.db, "t1", "sub-ops")).length).toBe(0);
    await setDefaultSavedView(store.db, "t1", "sub-dev", mine.id);
    await setDefaultSavedView(store.db, "t1", "sub-dev", null);
    expect((await listSavedViews(store.db, "t1", "sub-dev")).some((v) => v.isDefault)).toBe(false);
    await deleteSavedView(store.db, "t1", mine.id, { sub: "sub-dev", isTenantAdmin: false });
    expect(await listSavedViews(store.db, "t1", "sub-dev")).toEqual([]);
  });
});
