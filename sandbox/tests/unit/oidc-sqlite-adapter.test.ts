import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SqliteAdapter, openOidcDatabase } from "../../server/oidc/sqlite-adapter";

type Db = ReturnType<typeof openOidcDatabase>;

describe("SqliteAdapter", () => {
  let db: Db;
  beforeEach(() => {
    db = openOidcDatabase(":memory:");
  });
  afterEach(() => {
    vi.useRealTimers();
    db.close();
  });

  it("stores, finds, updates and destroys per model", async () => {
    const sessions = new SqliteAdapter(db, "Session");
    const grants = new SqliteAdapter(db, "Grant");
    await sessions.upsert("s1", { uid: "u1", accountId: "a" }, 60);
    expect(await sessions.find("s1")).toEqual({ uid: "u1", accountId: "a" });
    expect(await grants.find("s1")).toBeUndefined();
    expect(await sessions.findByUid("u1")).toEqual({ uid: "u1", accountId: "a" });
    await sessions.upsert("s1", { uid: "u2", accountId: "b" }, 60);
    expect(await sessions.findByUid("u1")).toBeUndefined();
    expect((await sessions.find("s1"))?.accountId).toBe("b");
    await sessions.destroy("s1");
    expect(await sessions.find("s1")).toBeUndefined();
  });

  it("hides expired rows and keeps rows without expiry", async () => {
    vi.useFakeTimers({ now: new Date("2026-01-01T00:00:00Z"), toFake: ["Date"] });
    const codes = new SqliteAdapter(db, "AuthorizationCode");
    await codes.upsert("short", { grantId: "g" }, 10);
    await codes.upsert("forever", { grantId: "g" });
    vi.setSystemTime(new Date("2026-01-01T00:00:11Z"));
    expect(await codes.find("short")).toBeUndefined();
    expect(await codes.find("forever")).toEqual({ grantId: "g" });
  });

  it("marks consumption with a timestamp", async () => {
    const codes = new SqliteAdapter(db, "AuthorizationCode");
    await codes.upsert("c1", { grantId: "g1" }, 60);
    expect((await codes.find("c1"))?.consumed).toBeUndefined();
    await codes.consume("c1");
    expect(typeof (await codes.find("c1"))?.consumed).toBe("number");
  });

  it("revokes every token of a grant in its model only", async () => {
    const refresh = new SqliteAdapter(db, "RefreshToken");
    const access = new SqliteAdapter(db, "AccessToken");
    await refresh.upsert("r1", { grantId: "g1" }, 60);
    await refresh.upsert("r2", { grantId: "g2" }, 60);
    await access.upsert("a1", { grantId: "g1" }, 60);
    await refresh.revokeByGrantId("g1");
    expect(await refresh.find("r1")).toBeUndefined();
    expect(await refresh.find("r2")).toBeDefined();
    expect(await access.find("a1")).toBeDefined();
  });

  it("finds device flow rows by user code", async () => {
    const device = new SqliteAdapter(db, "DeviceCode");
    await device.upsert("d1", { userCode: "ABCD-EFGH" }, 60);
    expect(await device.findByUserCode("ABCD-EFGH")).toEqual({ userCode: "ABCD-EFGH" });
    expect(await device.findByUserCode("ZZZZ-ZZZZ")).toBeUndefined();
  });
});
