import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

// The real store (embedded PGlite in a throw-away folder), as the console process uses it.
const dir = mkdtempSync(path.join(os.tmpdir(), "console-revocation-"));
process.env.CONSOLE_STORE_DIR = dir;
delete process.env.DATABASE_URL;

const { isRevokedSession, newSessionIdentity, revokeEverySessionOf, revokeThisSession } = await import("@/lib/auth/revocation");
const { getStore, listAuditEvents } = await import("@/lib/store");

afterAll(async () => {
  await (await getStore()).close();
  rmSync(dir, { recursive: true, force: true });
});

const person = { tenantId: "t-rev", sub: "sub-rev", name: "Rev Ocation", email: "rev@example.com" };

describe("session revocation (session token fields ↔ store)", () => {
  it("a fresh session passes; after its sign-out it is refused; other sessions are not", { timeout: 120_000 }, async () => {
    const a = { ...person, ...newSessionIdentity() };
    const b = { ...person, ...newSessionIdentity() };
    expect(await isRevokedSession(a)).toBe(false);
    await revokeThisSession(a);
    expect(await isRevokedSession(a)).toBe(true);
    expect(await isRevokedSession(b)).toBe(false);
    const log = await listAuditEvents((await getStore()).db, person.tenantId, { action: "session.sign-out" });
    expect(log.items[0]).toMatchObject({ actor: { sub: person.sub, name: person.name }, target: `session:${a.sid}` });
  });

  it("'sign out everywhere' refuses every earlier session of the user, not later ones", async () => {
    const earlier = { ...person, ...newSessionIdentity(Date.now() - 60_000) };
    await revokeEverySessionOf({ ...person, ...newSessionIdentity() });
    expect(await isRevokedSession(earlier)).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    expect(await isRevokedSession({ ...person, ...newSessionIdentity() })).toBe(false);
    expect(await isRevokedSession({ ...person, sub: "someone-else", ...newSessionIdentity(Date.now() - 60_000) })).toBe(false);
  });

  it("a session without an id (or sign-in time) is refused", async () => {
    expect(await isRevokedSession({ ...person })).toBe(true);
    expect(await isRevokedSession({ ...person, sid: "x" })).toBe(true);
  });
});
