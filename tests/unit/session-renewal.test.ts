import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { StoredSession } from "@/lib/auth/session-cookie";
import type { SessionToken } from "@/lib/auth/token";

vi.mock("server-only", () => ({}));

// The proxy's renewal decision against the real store (embedded PGlite in a throw-away folder):
// a session signed out anywhere is never renewed. The refresh grant is the only stand-in (no issuer runs here).
const dir = mkdtempSync(path.join(os.tmpdir(), "console-renewal-"));
process.env.CONSOLE_STORE_DIR = dir;
delete process.env.DATABASE_URL;

const { renewSession } = await import("@/lib/auth/renewal");
const { checkRevoked } = await import("@/lib/auth/revocation-check");
const { newSessionIdentity, revokeEverySessionOf, revokeThisSession } = await import("@/lib/auth/revocation");
const { getStore } = await import("@/lib/store");

afterAll(async () => {
  await (await getStore()).close();
  rmSync(dir, { recursive: true, force: true });
});

const NOW = 1_900_000_000;
let counter = 0;
function session(expiresIn: number): StoredSession {
  counter++;
  return {
    idToken: `id-${counter}`,
    idTokenExpiresAt: NOW + expiresIn,
    refreshToken: `refresh-${counter}`,
    tenantId: "t-renew",
    roles: ["workflow_viewer"],
    sub: `sub-renew-${counter}`,
    name: "Re New",
    email: null,
    ...newSessionIdentity(),
  };
}

function deps() {
  const refresh = vi.fn(async (s: StoredSession): Promise<SessionToken> => ({
    ...s,
    idToken: `${s.idToken}-renewed`,
    idTokenExpiresAt: NOW + 3600,
  }));
  return { refresh, isRevoked: checkRevoked, nowSeconds: () => NOW, warn: () => undefined };
}

describe("session renewal in the proxy (lib/auth/renewal.ts)", () => {
  it("keeps a fresh session as it is and renews an expiring one that nobody signed out", { timeout: 120_000 }, async () => {
    const d = deps();
    const fresh = session(600);
    expect(await renewSession(fresh, d)).toEqual({ session: fresh });
    const expiring = session(10);
    const outcome = await renewSession(expiring, d);
    expect(d.refresh).toHaveBeenCalledTimes(1);
    expect(outcome.renewed?.idToken).toBe(`${expiring.idToken}-renewed`);
    // The renewed session is the same sign-in: its id and start survive, so a later sign-out still reaches it.
    expect(outcome.renewed).toMatchObject({ sid: expiring.sid, signedInAt: expiring.signedInAt });
  });

  it("never renews a session signed out on any process: no refresh grant, cookie dropped", async () => {
    const d = deps();
    const signedOut = session(10);
    await revokeThisSession(signedOut);
    expect(await renewSession(signedOut, d)).toEqual({ session: null, cleared: true });

    const everywhere = session(10);
    await revokeEverySessionOf(everywhere);
    expect(await renewSession(everywhere, d)).toEqual({ session: null, cleared: true });

    // A copied cookie without a session id is not renewed either.
    expect(await renewSession({ ...session(10), sid: undefined }, d)).toEqual({ session: null, cleared: true });
    expect(d.refresh).not.toHaveBeenCalled();
  });

  it("does not renew when the store cannot answer (fail closed), and keeps a still-valid token when only the grant fails", async () => {
    const refresh = vi.fn(async (): Promise<SessionToken> => {
      throw new Error("grant refused");
    });
    const storeDown = await renewSession(session(10), {
      refresh,
      isRevoked: async () => Promise.reject(new Error("store down")),
      nowSeconds: () => NOW,
      warn: () => undefined,
    });
    expect(storeDown).toEqual({ session: null, cleared: true });
    expect(refresh).not.toHaveBeenCalled();

    const stillValid = session(10);
    expect(await renewSession(stillValid, { refresh, isRevoked: checkRevoked, nowSeconds: () => NOW, warn: () => undefined })).toEqual({
      session: stillValid,
    });
    const expired = session(-5);
    expect(await renewSession(expired, { refresh, isRevoked: checkRevoked, nowSeconds: () => NOW, warn: () => undefined })).toEqual({
      session: null,
      cleared: true,
    });
  });
});
