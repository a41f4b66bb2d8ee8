import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { UnsecuredJWT } from "jose";
import { afterAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

const { parseRolesClaim, sessionFieldsFromIdToken, needsRefresh, publicSessionSchema } = await import("@/lib/auth/token");
const { refreshSession, endSessionUrl } = await import("@/lib/auth/oidc");
const { encodeSessionToken, readSessionToken, clearSessionCache, sessionCacheSize, forgetSessionCookie, SESSION_CACHE_MAX_ENTRIES } =
  await import("@/lib/auth/session-cookie");
const { sessionCookieName } = await import("@/lib/auth/settings");
const { readServerEnv, readOrCreateLocalSecret, originSettings, LOCAL_SECRET_FILE } = await import("@/lib/env");
const { safeCallbackUrl, withFragment, DEFAULT_CALLBACK_URL } = await import("@/lib/auth/callback-url");
const { isSameOriginRequest, expectedOrigin } = await import("@/lib/api/origin");
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
    await expect(refreshSession(s, { issuer: "http://refuse.test", clientId: "c", clientSecret: "s", fetch: refusing })).rejects.toThrow(
      "400",
    );
    await expect(
      refreshSession(
        { ...s, refreshToken: undefined },
        { issuer: "http://refuse.test", clientId: "c", clientSecret: "s", fetch: refusing },
      ),
    ).rejects.toThrow("no refresh token");
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
    const chunks = {
      get: (name: string) =>
        name === `${sessionCookieName()}.0`
          ? { value: value.slice(0, 100) }
          : name === `${sessionCookieName()}.1`
            ? { value: value.slice(100) }
            : undefined,
    };
    await expect(readSessionToken(chunks)).resolves.toMatchObject({ tenantId: "t-1" });
  });
});

describe("decrypted-session cache", () => {
  const jar = (v: string) => ({ get: (name: string) => (name === sessionCookieName() ? { value: v } : undefined) });
  const cookieFor = (tenantId: string, extra: Record<string, unknown> = {}) =>
    encodeSessionToken({
      ...sessionFieldsFromIdToken(idToken({ "custom:tenantId": tenantId, "custom:roles": '["viewer"]' }), "rt"),
      ...extra,
    });

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

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "console-secret-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** The constant every console used before issue 13 when AUTH_SECRET was unset. */
const OLD_PUBLIC_SECRET = "pegasus-console-dev-secret-not-for-production-use-0001";

describe("server env", () => {
  it("defaults to the sandbox", () => {
    const env = readServerEnv({ NODE_ENV: "test", CONSOLE_STATE_DIR: path.join(tempDir(), ".console") });
    expect(env).toMatchObject({
      apiBaseUrl: "http://127.0.0.1:4010/api/v1",
      oidcIssuer: "http://127.0.0.1:4010/oidc",
      oidcClientId: "pegasus-console",
      authSecretSource: "local-file",
    });
    expect(env.authSecret.length).toBeGreaterThan(20);
  });

  it("without AUTH_SECRET generates a random secret once (0600 in a 0700 folder) and keeps it", () => {
    const stateDir = path.join(tempDir(), ".console");
    const first = readServerEnv({ NODE_ENV: "test", CONSOLE_STATE_DIR: stateDir }).authSecret;
    expect(first).not.toBe(OLD_PUBLIC_SECRET);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(path.join(stateDir, LOCAL_SECRET_FILE), "utf8").trim()).toBe(first);
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(stateDir, LOCAL_SECRET_FILE)).mode & 0o777).toBe(0o600);
    // A restart (a new read) keeps the secret, so sessions survive; another folder gets its own.
    expect(readServerEnv({ NODE_ENV: "development", CONSOLE_STATE_DIR: stateDir }).authSecret).toBe(first);
    expect(readServerEnv({ NODE_ENV: "test", CONSOLE_STATE_DIR: path.join(tempDir(), ".console") }).authSecret).not.toBe(first);
    expect(readdirSync(stateDir)).toEqual([LOCAL_SECRET_FILE]);
    // AUTH_SECRET, when set, wins and no file is read.
    expect(readServerEnv({ NODE_ENV: "test", CONSOLE_STATE_DIR: stateDir, AUTH_SECRET: "y".repeat(40) })).toMatchObject({
      authSecret: "y".repeat(40),
      authSecretSource: "env",
    });
  });

  it("refuses a damaged secret file instead of silently replacing it", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCAL_SECRET_FILE), "short\n", { mode: 0o600 });
    expect(() => readOrCreateLocalSecret(dir)).toThrow(/does not hold a usable session secret/);
  });

  it("gives every console process started at the same moment the same secret", async () => {
    const dir = path.join(tempDir(), ".console");
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const envModule = path.join(process.cwd(), "lib", "env.ts");
    // Each child spins until the same instant, so their read-or-create calls really overlap.
    const at = Date.now() + 2500;
    const script = `import(${JSON.stringify(envModule)}).then(({ readOrCreateLocalSecret }) => { while (Date.now() < ${at}); process.stdout.write(readOrCreateLocalSecret(${JSON.stringify(dir)})); });`;
    const run = promisify(execFile);
    const outputs = await Promise.all(Array.from({ length: 4 }, () => run(tsx, ["--eval", script], { cwd: process.cwd() })));
    const secrets = new Set(outputs.map((o) => o.stdout));
    expect(secrets.size).toBe(1);
    expect([...secrets][0]).toBe(readFileSync(path.join(dir, LOCAL_SECRET_FILE), "utf8").trim());
    // No temporary files left behind.
    expect(readdirSync(dir)).toEqual([LOCAL_SECRET_FILE]);
  }, 60_000);
  it("requires AUTH_SECRET in production against a real upstream", () => {
    expect(() => readServerEnv({ NODE_ENV: "production", PEGASUS_API_BASE_URL: "https://api.example/api/v1" })).toThrow("AUTH_SECRET");
    expect(
      readServerEnv({ NODE_ENV: "production", PEGASUS_API_BASE_URL: "https://api.example/api/v1/", AUTH_SECRET: "x".repeat(32) })
        .apiBaseUrl,
    ).toBe("https://api.example/api/v1");
  });
});

describe("post-sign-in target (issue 13: one rule for the sign-in page and action)", () => {
  it.each([
    ["/workflows/abc?tab=versions", "/workflows/abc?tab=versions"],
    ["/executions/x#event-7", "/executions/x#event-7"],
    ["/", "/"],
    ["/\\evil.example/landing", DEFAULT_CALLBACK_URL],
    ["/\tevil.example", DEFAULT_CALLBACK_URL],
    ["/\t/evil.example", DEFAULT_CALLBACK_URL],
    ["/\n/evil.example", DEFAULT_CALLBACK_URL],
    ["/ /evil.example", DEFAULT_CALLBACK_URL],
    ["//evil.example", DEFAULT_CALLBACK_URL],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["https://evil.example/", DEFAULT_CALLBACK_URL],
    ["javascript:alert(1)", DEFAULT_CALLBACK_URL],
    ["workflows", DEFAULT_CALLBACK_URL],
    ["", DEFAULT_CALLBACK_URL],
    ["/a/../../evil", "/evil"],
  ])("%j → %j", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  it("refuses non-strings and overlong values", () => {
    expect(safeCallbackUrl(undefined)).toBe(DEFAULT_CALLBACK_URL);
    expect(safeCallbackUrl(["/a", "/b"])).toBe(DEFAULT_CALLBACK_URL);
    expect(safeCallbackUrl(`/${"a".repeat(3000)}`)).toBe(DEFAULT_CALLBACK_URL);
  });

  it("carries a browser-side #anchor onto the target, never onto a foreign one", () => {
    expect(withFragment("/executions/x", "#event-7")).toBe("/executions/x#event-7");
    expect(withFragment("/executions/x#kept", "#event-7")).toBe("/executions/x#kept");
    expect(withFragment("/executions/x", "")).toBe("/executions/x");
    expect(withFragment("/executions/x", "#")).toBe("/executions/x");
    expect(withFragment("//evil.example", "#event-7")).toBe(`${DEFAULT_CALLBACK_URL}#event-7`);
    expect(withFragment("/executions/x", "#a b")).toBe("/executions/x");
  });
});

describe("origin check (issue 13: forwarded headers only with TRUST_PROXY, AUTH_URL first)", () => {
  const plain = { trustProxy: false, publicOrigin: null };
  it("ignores a client-sent X-Forwarded-Host unless a proxy is trusted", () => {
    const forged = new Headers({ origin: "http://evil.example", "x-forwarded-host": "evil.example", host: "127.0.0.1:3000" });
    expect(isSameOriginRequest(forged, "http://127.0.0.1:3000/api/x", plain)).toBe(false);
    expect(
      isSameOriginRequest(
        new Headers({ origin: "http://127.0.0.1:3000", "x-forwarded-host": "evil.example", host: "127.0.0.1:3000" }),
        "http://localhost:3000/api/x",
        plain,
      ),
    ).toBe(true);
    const proto = new Headers({ origin: "https://127.0.0.1:3000", "x-forwarded-proto": "https", host: "127.0.0.1:3000" });
    expect(isSameOriginRequest(proto, "http://127.0.0.1:3000/api/x", plain)).toBe(false);
    expect(isSameOriginRequest(proto, "http://127.0.0.1:3000/api/x", { trustProxy: true, publicOrigin: null })).toBe(true);
  });

  it("with AUTH_URL compares with its origin only, whatever Host or forwarded headers say", () => {
    const settings = { trustProxy: true, publicOrigin: "https://console.example" };
    expect(
      isSameOriginRequest(
        new Headers({ origin: "https://console.example", host: "10.0.0.5:3000" }),
        "http://10.0.0.5:3000/api/x",
        settings,
      ),
    ).toBe(true);
    const forged = new Headers({
      origin: "http://evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "http",
      host: "evil.example",
    });
    expect(isSameOriginRequest(forged, "http://evil.example/api/x", settings)).toBe(false);
    expect(expectedOrigin(new Headers(), "http://x/api", settings)).toBe("https://console.example");
  });

  it("reads TRUST_PROXY and AUTH_URL from the environment", () => {
    expect(originSettings({ NODE_ENV: "test" })).toEqual({ trustProxy: false, publicOrigin: null });
    expect(originSettings({ NODE_ENV: "test", TRUST_PROXY: "true", AUTH_URL: "https://console.example/base/" })).toEqual({
      trustProxy: true,
      publicOrigin: "https://console.example",
    });
    expect(originSettings({ NODE_ENV: "test", TRUST_PROXY: "0" }).trustProxy).toBe(false);
    expect(() => originSettings({ NODE_ENV: "test", AUTH_URL: "not a url" })).toThrow("AUTH_URL");
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
