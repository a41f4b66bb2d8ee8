import { UnsecuredJWT } from "jose";
import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

const { parseRolesClaim, sessionFieldsFromIdToken, needsRefresh, publicSessionSchema } = await import("@/lib/auth/token");
const { refreshSession, endSessionUrl } = await import("@/lib/auth/oidc");
const { encodeSessionToken, readSessionToken, clearSessionCache, sessionCacheSize, forgetSessionCookie, SESSION_CACHE_MAX_ENTRIES } = await import(
  "@/lib/auth/session-cookie"
);
const { sessionCookieName } = await import("@/lib/auth/settings");
const { readServerEnv } = await import("@/lib/env");
const { buildCsp } = await import("@/lib/security/csp");

const now = () => Math.floor(Date.now() / 1000);

function idToken(claims: Record<string, unknown>): string {
  return new UnsecuredJWT({ sub: "user-1", exp: now() + 60, ...claims }).encode();
}

describe("ID token claims", () => {
  it("reads tenant and JSON-encoded roles", () => {
    const fields = sessionFieldsFromIdToken(
      idToken({ "custom:tenantId": "t-1", "custom:roles": '["viewer"]', email: "v@x", name: "Vera" }),
      "rt-1",
    );
    expect(fields).toMatchObject({ tenantId: "t-1", roles: ["viewer"], email: "v@x", name: "Vera", refreshToken: "rt-1" });
    expect(fields.idTokenExpiresAt).toBeGreaterThan(now());
  });

  it("gives no roles for a malformed roles claim", () => {
    expect(parseRolesClaim("viewer")).toEqual([]);
    expect(parseRolesClaim('{"a":1}')).toEqual([]);
    expect(parseRolesClaim("[1,2]")).toEqual([]);
    expect(parseRolesClaim(undefined)).toEqual([]);
  });

  it("refreshes within 30 s of expiry, not before", () => {
    expect(needsRefresh({ idTokenExpiresAt: 1000 }, 969)).toBe(false);
    expect(needsRefresh({ idTokenExpiresAt: 1000 }, 971)).toBe(true);
    expect(needsRefresh({ idTokenExpiresAt: 1000 }, 2000)).toBe(true);
  });

  it("the public session shape has no token fields", () => {
    const keys = Object.keys(publicSessionSchema.shape.user.shape);
    expect(keys.sort()).toEqual(["email", "name", "roles", "tenantId", "tenantName"]);
  });
});

describe("refresh grant", () => {
  const issuer = "http://issuer.test/oidc";
  it("posts grant_type=refresh_token with client_secret_basic and keeps the refresh token when not rotated", async () => {
    const calls: Array<{ url: string; init?: RequestInit }> = [];
    const fresh = idToken({ "custom:tenantId": "t-1", "custom:roles": '["tenant_admin"]', exp: now() + 3600 });
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      if (url.endsWith("/.well-known/openid-configuration")) {
        return Response.json({ issuer, token_endpoint: `${issuer}/token`, end_session_endpoint: `${issuer}/session/end` });
      }
      return Response.json({ id_token: fresh, access_token: "at", token_type: "Bearer" });
    }) as typeof fetch;
    const old = { ...sessionFieldsFromIdToken(idToken({ "custom:tenantId": "t-1", "custom:roles": "[]" }), "rt-old") };
    const next = await refreshSession(old, { issuer, clientId: "pegasus-console", clientSecret: "s3cret", fetch: fakeFetch });
    expect(next.idToken).toBe(fresh);
    expect(next.refreshToken).toBe("rt-old");
    expect(next.roles).toEqual(["tenant_admin"]);
    const tokenCall = calls.find((c) => c.url === `${issuer}/token`);
    expect(String(tokenCall?.init?.body)).toBe("grant_type=refresh_token&refresh_token=rt-old");
    const auth = (tokenCall?.init?.headers as Record<string, string>).authorization;
    expect(Buffer.from((auth ?? "").replace("Basic ", ""), "base64").toString()).toBe("pegasus-console:s3cret");
    await expect(endSessionUrl({ issuer, clientId: "pegasus-console" }, "http://c.test/signed-out")).resolves.toBe(
      `${issuer}/session/end?client_id=pegasus-console&post_logout_redirect_uri=http%3A%2F%2Fc.test%2Fsigned-out`,
    );
  });

  it("fails when the issuer refuses or there is no refresh token", async () => {
    const refusing = (async (url: string) =>
      url.endsWith("openid-configuration")
        ? Response.json({ issuer: "http://refuse.test", token_endpoint: "http://refuse.test/token" })
        : Response.json({ error: "invalid_grant" }, { status: 400 })) as typeof fetch;
    const s = sessionFieldsFromIdToken(idToken({ "custom:tenantId": "t" }), "rt");
    await expect(refreshSession(s, { issuer: "http://refuse.test", clientId: "c", clientSecret: "s", fetch: refusing })).rejects.toThrow("400");
    await expect(refreshSession({ ...s, refreshToken: undefined }, { issuer: "http://refuse.test", clientId: "c", clientSecret: "s", fetch: refusing })).rejects.toThrow(
      "no refresh token",
    );
  });
});

describe("session cookie", () => {
  it("round-trips through the Auth.js JWE and rejects tampering", async () => {
    const token = sessionFieldsFromIdToken(idToken({ "custom:tenantId": "t-1", "custom:roles": '["viewer"]' }), "rt");
    const value = await encodeSessionToken(token);
    expect(value).not.toContain(token.idToken.split(".")[1]);
    const jar = (v: string) => ({ get: (name: string) => (name === sessionCookieName() ? { value: v } : undefined) });
    await expect(readSessionToken(jar(value))).resolves.toMatchObject({ tenantId: "t-1", idToken: token.idToken, refreshToken: "rt" });
    await expect(readSessionToken(jar(`${value.slice(0, -4)}AAAA`))).resolves.toBeNull();
    const chunks = { get: (name: string) => (name === `${sessionCookieName()}.0` ? { value: value.slice(0, 100) } : name === `${sessionCookieName()}.1` ? { value: value.slice(100) } : undefined) };
    await expect(readSessionToken(chunks)).resolves.toMatchObject({ tenantId: "t-1" });
  });
});

describe("decrypted-session cache", () => {
  const jar = (v: string) => ({ get: (name: string) => (name === sessionCookieName() ? { value: v } : undefined) });
  const cookieFor = (tenantId: string, extra: Record<string, unknown> = {}) =>
    encodeSessionToken({ ...sessionFieldsFromIdToken(idToken({ "custom:tenantId": tenantId, "custom:roles": '["viewer"]' }), "rt"), ...extra });

  it("answers a second read of the same cookie from the cache, and only that cookie", async () => {
    clearSessionCache();
    const [a, b] = await Promise.all([cookieFor("t-a"), cookieFor("t-b")]);
    const first = await readSessionToken(jar(a));
    const again = await readSessionToken(jar(a));
    // The very same (frozen) object: no second decryption happened.
    expect(again).toBe(first);
    expect(Object.isFrozen(again)).toBe(true);
    expect(Object.isFrozen(again?.roles)).toBe(true);
    // Another user's cookie gets its own session, never the cached one.
    const other = await readSessionToken(jar(b));
    expect(other?.tenantId).toBe("t-b");
    expect(first?.tenantId).toBe("t-a");
    // A tampered copy of a cached cookie is a miss that fails decryption.
    await expect(readSessionToken(jar(`${a.slice(0, -4)}AAAA`))).resolves.toBeNull();
    expect(sessionCacheSize()).toBe(2);
    forgetSessionCookie(a);
    expect(sessionCacheSize()).toBe(1);
    const decryptedAgain = await readSessionToken(jar(a));
    expect(decryptedAgain).not.toBe(first);
    expect(decryptedAgain).toEqual(first);
  });

  it("never outlives the cookie: past the JWE exp the cached session is gone", async () => {
    clearSessionCache();
    const value = await cookieFor("t-exp");
    const cached = await readSessionToken(jar(value));
    const exp = cached?.exp;
    expect(typeof exp).toBe("number");
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      // Just before exp it is still served, from the cache.
      vi.setSystemTime(((exp as number) - 1) * 1000);
      await expect(readSessionToken(jar(value))).resolves.toBe(cached);
      // Past exp plus Auth.js's 15 s clock tolerance: decryption refuses it, and so must the cache.
      vi.setSystemTime(((exp as number) + 20) * 1000);
      await expect(readSessionToken(jar(value))).resolves.toBeNull();
    } finally {
      vi.useRealTimers();
    }
    // The cache drops an entry at the cookie's exp, even where jose's tolerance would still decrypt it.
    const again = await readSessionToken(jar(value));
    await expect(readSessionToken(jar(value))).resolves.toBe(again);
    await expect(readSessionToken(jar(value), (exp as number) * 1000 + 1)).resolves.not.toBe(again);
  });

  it("stays bounded, dropping the least recently used", async () => {
    clearSessionCache();
    const first = await cookieFor("t-0");
    await readSessionToken(jar(first));
    const values = await Promise.all(Array.from({ length: SESSION_CACHE_MAX_ENTRIES + 5 }, (_, i) => cookieFor(`t-${i + 1}`)));
    for (const v of values) await readSessionToken(jar(v));
    expect(sessionCacheSize()).toBeLessThanOrEqual(SESSION_CACHE_MAX_ENTRIES);
    const last = values.at(-1) as string;
    const hit = await readSessionToken(jar(last));
    await expect(readSessionToken(jar(last))).resolves.toBe(hit);
    // The oldest entry was evicted: reading it decrypts again (a new object, same content).
    const firstAgain = await readSessionToken(jar(first));
    expect(firstAgain?.tenantId).toBe("t-0");
    clearSessionCache();
  }, 30_000);
});

describe("server env", () => {
  it("defaults to the sandbox", () => {
    const env = readServerEnv({ NODE_ENV: "test" });
    expect(env).toMatchObject({ apiBaseUrl: "http://127.0.0.1:4010/api/v1", oidcIssuer: "http://127.0.0.1:4010/oidc", oidcClientId: "pegasus-console" });
    expect(env.authSecret.length).toBeGreaterThan(20);
  });
  it("requires AUTH_SECRET in production against a real upstream", () => {
    expect(() => readServerEnv({ NODE_ENV: "production", PEGASUS_API_BASE_URL: "https://api.example/api/v1" })).toThrow("AUTH_SECRET");
    expect(readServerEnv({ NODE_ENV: "production", PEGASUS_API_BASE_URL: "https://api.example/api/v1/", AUTH_SECRET: "x".repeat(32) }).apiBaseUrl).toBe(
      "https://api.example/api/v1",
    );
  });
});

describe("content security policy", () => {
  it("allows only nonce'd scripts and forbids framing", () => {
    const csp = buildCsp({ nonce: "abc", isDev: false, formTargets: ["http://127.0.0.1:4010"] });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self' http://127.0.0.1:4010");
  });
});
