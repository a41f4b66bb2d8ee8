/**
 * Contract tests of the sandbox OIDC issuer, hosted alone (no core server) by a plain node http
 * server on a free port with a throw-away state folder. Everything goes over real HTTP.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CONSOLE_CLIENT, DEMO_PASSWORD, DEMO_USERS } from "../../server/identities";
import { OIDC_COOKIE_NAMES, createOidc, type OidcHandle } from "../../server/oidc/index";
import {
  CookieJar,
  consoleClientBasicAuth,
  defaultRedirectUri,
  exchangeCode,
  fetchWithJar,
  getIdToken,
  makePkce,
  mintExpiredIdToken,
  mintForgedIdToken,
  signInForCode,
  startAuthorization,
} from "../support/tokens";

const TTL = 120;
const CONSOLE_ORIGIN = "http://127.0.0.1:3999";
const REDIRECT_URI = `${CONSOLE_ORIGIN}${CONSOLE_CLIENT.callbackPath}`;

const tokenSchema = z.object({
  id_token: z.string(),
  access_token: z.string(),
  refresh_token: z.string().optional(),
  token_type: z.literal("Bearer"),
  expires_in: z.number(),
  scope: z.string(),
});
const errorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

interface Running {
  issuer: string;
  port: number;
  stop(): Promise<void>;
}

async function startIssuer(stateDir: string, port = 0, ttl = TTL): Promise<Running> {
  // Listen first (the issuer URL needs the port), then attach the issuer's handler.
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${actual}/oidc`;
  const oidc: OidcHandle = await createOidc({ issuer, stateDir, consoleOrigins: [CONSOLE_ORIGIN], idTokenTtlSeconds: ttl });
  server.on("request", (req, res) => oidc.handler(req, res));
  return {
    issuer,
    port: actual,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await oidc.close?.();
    },
  };
}

async function signIn(issuer: string, email: string, jar = new CookieJar()) {
  const { verifier, challenge } = makePkce();
  const callback = await signInForCode(jar, issuer, email, { redirectUri: REDIRECT_URI, challenge });
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code: ${callback.href}`);
  const res = await exchangeCode(issuer, code, verifier, REDIRECT_URI);
  expect(res.status).toBe(200);
  return { jar, tokens: tokenSchema.parse(await res.json()) };
}

async function refresh(issuer: string, refreshToken: string): Promise<Response> {
  return fetch(`${issuer}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: consoleClientBasicAuth() },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }).toString(),
  });
}

let stateDir: string;
let run: Running;

beforeAll(async () => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), "oidc-contract-"));
  run = await startIssuer(stateDir);
});

afterAll(async () => {
  await run?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe("discovery and keys", () => {
  it("publishes endpoints under the /oidc mount", async () => {
    const res = await fetch(`${run.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = z
      .object({
        issuer: z.string(),
        authorization_endpoint: z.string(),
        token_endpoint: z.string(),
        jwks_uri: z.string(),
        userinfo_endpoint: z.string(),
        end_session_endpoint: z.string(),
        scopes_supported: z.array(z.string()),
        code_challenge_methods_supported: z.array(z.string()),
        id_token_signing_alg_values_supported: z.array(z.string()),
        response_types_supported: z.array(z.string()),
        claims_supported: z.array(z.string()),
        token_endpoint_auth_methods_supported: z.array(z.string()),
      })
      .parse(await res.json());
    expect(doc.issuer).toBe(run.issuer);
    expect(doc.authorization_endpoint).toBe(`${run.issuer}/auth`);
    expect(doc.token_endpoint).toBe(`${run.issuer}/token`);
    expect(doc.jwks_uri).toBe(`${run.issuer}/jwks`);
    expect(doc.userinfo_endpoint).toBe(`${run.issuer}/me`);
    expect(doc.end_session_endpoint).toBe(`${run.issuer}/session/end`);
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(["openid", "email", "profile", "offline_access"]));
    expect(doc.code_challenge_methods_supported).toEqual(["S256"]);
    expect(doc.id_token_signing_alg_values_supported).toContain("RS256");
    expect(doc.response_types_supported).toEqual(["code"]);
    expect(doc.claims_supported).toEqual(expect.arrayContaining(["custom:tenantId", "custom:roles", "token_use", "email"]));
    expect(doc.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["client_secret_basic", "client_secret_post"]));
  });

  it("serves a public RS256 JWKS and keeps private key files at mode 0600", async () => {
    const res = await fetch(`${run.issuer}/jwks`);
    expect(res.status).toBe(200);
    const { keys } = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).parse(await res.json());
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(typeof keys[0]?.kid).toBe("string");
    for (const privateMember of ["d", "p", "q", "dp", "dq", "qi"]) expect(keys[0]).not.toHaveProperty(privateMember);
    expect(statSync(path.join(stateDir, "oidc-jwks.json")).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(stateDir, "oidc-cookie-keys.json")).mode & 0o777).toBe(0o600);
  });

  it("answers 404 for paths outside the mount", async () => {
    expect((await fetch(`http://127.0.0.1:${run.port}/oidcx/jwks`)).status).toBe(404);
    expect((await fetch(`${run.issuer}/no-such-endpoint`)).status).toBe(404);
  });
});

describe("sign-in page", () => {
  it("authorize redirects to the sandbox sign-in page listing every demo user, without script", async () => {
    const jar = new CookieJar();
    const { challenge } = makePkce();
    const auth = await startAuthorization(jar, run.issuer, { redirectUri: REDIRECT_URI, challenge });
    expect(auth.status).toBe(303);
    const location = new URL(auth.headers.get("location") ?? "", run.issuer);
    expect(location.pathname).toMatch(/^\/oidc\/interaction\/[\w-]+$/);
    expect(jar.has(OIDC_COOKIE_NAMES.interaction)).toBe(true);

    const page = await fetchWithJar(jar, location.href);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src");
    const html = await page.text();
    expect(html).toContain("<title>Pegasus sandbox sign-in</title>");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    for (const user of DEMO_USERS) {
      expect(html).toContain(`value="${user.email}"`);
      expect(html).toContain(user.roles.join(", "));
    }
    expect(html).toContain(`action="${location.pathname}/login"`);
  });

  it("rejects a wrong password with 401 and an error, then accepts the right one", async () => {
    const jar = new CookieJar();
    const { verifier, challenge } = makePkce();
    const auth = await startAuthorization(jar, run.issuer, { redirectUri: REDIRECT_URI, challenge });
    const interactionUrl = new URL(auth.headers.get("location") ?? "", run.issuer).href;
    const post = (email: string, password: string) =>
      fetchWithJar(jar, `${interactionUrl}/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, password }).toString(),
      });

    const wrong = await post("admin@atlas.example", "not-the-password");
    expect(wrong.status).toBe(401);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain("Wrong e-mail or password.");
    expect(wrongHtml).toContain('value="admin@atlas.example"');

    const unknown = await post("nobody@atlas.example", DEMO_PASSWORD);
    expect(unknown.status).toBe(401);

    const ok = await post("ADMIN@atlas.example", DEMO_PASSWORD);
    expect(ok.status).toBe(303);
    // Follow back through /auth to the callback (consent is granted without a page).
    let res = ok;
    let url = interactionUrl;
    let callback: URL | undefined;
    for (let i = 0; i < 5 && !callback; i += 1) {
      const next = new URL(res.headers.get("location") ?? "", url);
      if (next.href.startsWith(REDIRECT_URI)) callback = next;
      else {
        url = next.href;
        res = await fetchWithJar(jar, url);
        expect(res.status).toBe(303);
      }
    }
    const code = callback?.searchParams.get("code");
    expect(code).toBeTruthy();
    const token = await exchangeCode(run.issuer, code ?? "", verifier, REDIRECT_URI);
    expect(token.status).toBe(200);
    const { id_token: idToken } = tokenSchema.parse(await token.json());
    expect(decodeJwt(idToken)["email"]).toBe("admin@atlas.example");
  });

  it("refuses a login POST without the interaction cookie", async () => {
    const jar = new CookieJar();
    const { challenge } = makePkce();
    const auth = await startAuthorization(jar, run.issuer, { redirectUri: REDIRECT_URI, challenge });
    const interactionUrl = new URL(auth.headers.get("location") ?? "", run.issuer).href;
    const res = await fetch(`${interactionUrl}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "admin@atlas.example", password: DEMO_PASSWORD }).toString(),
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  });
});

describe("tokens", () => {
  it("issues RS256 ID tokens with Cognito-style claims, verifiable with the published JWKS", async () => {
    const { tokens } = await signIn(run.issuer, "publisher@atlas.example");
    const jwks = createRemoteJWKSet(new URL(`${run.issuer}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token, jwks, {
      issuer: run.issuer,
      audience: CONSOLE_CLIENT.clientId,
      algorithms: ["RS256"],
    });
    const user = DEMO_USERS.find((u) => u.email === "publisher@atlas.example");
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      sub: user?.sub,
      email: user?.email,
      name: user?.name,
      "custom:tenantId": user?.tenantId,
      "custom:roles": JSON.stringify(user?.roles),
      token_use: "id",
    });
    expect(JSON.parse(String(payload["custom:roles"]))).toEqual(["integration_publisher"]);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(TTL);
    expect(tokens.expires_in).toBeLessThanOrEqual(TTL);
    // Without prompt=consent the spec drops offline_access; the console still gets a refresh token.
    expect(tokens.scope.split(" ")).toEqual(expect.arrayContaining(["openid", "email", "profile"]));
    expect(tokens.refresh_token).toBeTruthy();
  });

  it("keeps offline_access when the client asks with prompt=consent, granting consent without a page", async () => {
    const jar = new CookieJar();
    const { verifier, challenge } = makePkce();
    const url = new URL(`${run.issuer}/auth`);
    for (const [k, v] of Object.entries({
      client_id: CONSOLE_CLIENT.clientId,
      response_type: "code",
      redirect_uri: REDIRECT_URI,
      scope: "openid email profile offline_access",
      prompt: "login consent",
      code_challenge: challenge,
      code_challenge_method: "S256",
      state: "s1",
    }))
      url.searchParams.set(k, v);
    const auth = await fetchWithJar(jar, url.href);
    const interactionUrl = new URL(auth.headers.get("location") ?? "", run.issuer).href;
    let res = await fetchWithJar(jar, `${interactionUrl}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "viewer@atlas.example", password: DEMO_PASSWORD }).toString(),
    });
    let current = interactionUrl;
    const visited: string[] = [];
    let callback: URL | undefined;
    for (let i = 0; i < 8 && !callback; i += 1) {
      expect(res.status).toBe(303);
      const next = new URL(res.headers.get("location") ?? "", current);
      if (next.href.startsWith(REDIRECT_URI)) callback = next;
      else {
        visited.push(next.pathname);
        current = next.href;
        res = await fetchWithJar(jar, current);
      }
    }
    // The consent prompt went through the interaction route, which answered with a redirect, not a page.
    expect(visited.filter((p) => p.startsWith("/oidc/interaction/")).length).toBeGreaterThan(0);
    const token = await exchangeCode(run.issuer, callback?.searchParams.get("code") ?? "", verifier, REDIRECT_URI);
    expect(token.status).toBe(200);
    const body = tokenSchema.parse(await token.json());
    expect(body.scope.split(" ")).toContain("offline_access");
    expect(body.refresh_token).toBeTruthy();
  });

  it("keeps the access token opaque: it cannot pass as an ID token but works at userinfo", async () => {
    const { tokens } = await signIn(run.issuer, "viewer@atlas.example");
    expect(tokens.access_token.split(".")).toHaveLength(1);
    const me = await fetch(`${run.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(me.status).toBe(200);
    const claims = z.record(z.string(), z.unknown()).parse(await me.json());
    expect(claims["email"]).toBe("viewer@atlas.example");
    expect(claims["custom:roles"]).toBe('["viewer"]');
    expect(claims["token_use"]).toBeUndefined();
  });

  it("accepts client_secret_post at the token endpoint and rejects a wrong secret", async () => {
    const { verifier, challenge } = makePkce();
    const callback = await signInForCode(new CookieJar(), run.issuer, "dev@atlas.example", { redirectUri: REDIRECT_URI, challenge });
    const form = {
      grant_type: "authorization_code",
      code: callback.searchParams.get("code") ?? "",
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
      client_id: CONSOLE_CLIENT.clientId,
    };
    const bad = await fetch(`${run.issuer}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...form, client_secret: "wrong" }).toString(),
    });
    expect(bad.status).toBe(401);
    expect(errorSchema.parse(await bad.json()).error).toBe("invalid_client");
    const good = await fetch(`${run.issuer}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...form, client_secret: CONSOLE_CLIENT.clientSecret }).toString(),
    });
    expect(good.status).toBe(200);
    expect(decodeJwt(tokenSchema.parse(await good.json()).id_token)["email"]).toBe("dev@atlas.example");
  });

  it("refresh returns a new ID token for the same user; the refresh token is not rotated", async () => {
    const { tokens } = await signIn(run.issuer, "dev@atlas.example");
    const first = decodeJwt(tokens.id_token);
    await new Promise((r) => setTimeout(r, 1100)); // iat has one-second resolution
    const res = await refresh(run.issuer, tokens.refresh_token ?? "");
    expect(res.status).toBe(200);
    const body = tokenSchema.parse(await res.json());
    const second = decodeJwt(body.id_token);
    expect(body.id_token).not.toBe(tokens.id_token);
    expect(second.sub).toBe(first.sub);
    expect(second["custom:roles"]).toBe('["workflow_developer"]');
    expect(second["token_use"]).toBe("id");
    expect(second.iat).toBeGreaterThan(first.iat ?? 0);
    expect(body.refresh_token ?? tokens.refresh_token).toBe(tokens.refresh_token);
    expect((await refresh(run.issuer, tokens.refresh_token ?? "")).status).toBe(200);
  });

  it("rejects a garbage refresh token with invalid_grant", async () => {
    const res = await refresh(run.issuer, "not-a-refresh-token");
    expect(res.status).toBe(400);
    expect(errorSchema.parse(await res.json()).error).toBe("invalid_grant");
  });

  it("getIdToken drives the real flow and caches per email", async () => {
    const a = await getIdToken(run.issuer, "admin@borealis.example", { redirectUri: REDIRECT_URI });
    const b = await getIdToken(run.issuer, "admin@borealis.example", { redirectUri: REDIRECT_URI });
    expect(b).toBe(a);
    expect(decodeJwt(a.idToken)["custom:tenantId"]).toBe(DEMO_USERS.find((u) => u.email === "admin@borealis.example")?.tenantId);
    // The default redirect URI (first default console origin) is always registered.
    const c = await getIdToken(run.issuer, "viewer@atlas.example", { fresh: true });
    expect(c.idToken).not.toBe(a.idToken);
    expect(defaultRedirectUri()).toBe(`${CONSOLE_CLIENT.defaultOrigins[0]}${CONSOLE_CLIENT.callbackPath}`);
  });

  it("mints an expired token with the real key and a forged one with an unknown key", async () => {
    const jwks = createRemoteJWKSet(new URL(`${run.issuer}/jwks`));
    const opts = { issuer: run.issuer, audience: CONSOLE_CLIENT.clientId };
    const expired = await mintExpiredIdToken(stateDir, run.issuer, "admin@atlas.example");
    await expect(jwtVerify(expired, jwks, opts)).rejects.toBeInstanceOf(joseErrors.JWTExpired);
    // Same key: with the clock moved back it verifies, proving only expiry rejects it.
    const { payload } = await jwtVerify(expired, jwks, { ...opts, currentDate: new Date(Date.now() - 2 * 3600_000) });
    expect(payload["token_use"]).toBe("id");

    const forged = await mintForgedIdToken(run.issuer, "admin@atlas.example");
    await expect(jwtVerify(forged, jwks, opts)).rejects.toBeInstanceOf(joseErrors.JWSSignatureVerificationFailed);
  });
});

describe("request validation", () => {
  it("requires PKCE: no code_challenge is an invalid_request sent back to the client", async () => {
    const res = await startAuthorization(new CookieJar(), run.issuer, { redirectUri: REDIRECT_URI });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toMatch(/PKCE/);
  });

  it("rejects a code redeemed with the wrong code_verifier", async () => {
    const { challenge } = makePkce();
    const callback = await signInForCode(new CookieJar(), run.issuer, "viewer@atlas.example", { redirectUri: REDIRECT_URI, challenge });
    const res = await exchangeCode(run.issuer, callback.searchParams.get("code") ?? "", makePkce().verifier, REDIRECT_URI);
    expect(res.status).toBe(400);
    expect(errorSchema.parse(await res.json()).error).toBe("invalid_grant");
  });

  it("rejects an unregistered redirect_uri without redirecting to it", async () => {
    const { challenge } = makePkce();
    const res = await startAuthorization(new CookieJar(), run.issuer, {
      redirectUri: "http://127.0.0.1:6666/api/auth/callback/pegasus",
      challenge,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    const html = await res.text();
    expect(html).toContain("redirect_uri");
    expect(html).not.toMatch(/<script/i);
  });
});

describe("logout", () => {
  it("signs out in one step: redirects to post_logout_redirect_uri, ends the session and revokes tokens", async () => {
    const { jar, tokens } = await signIn(run.issuer, "admin@atlas.example");
    expect(jar.has(OIDC_COOKIE_NAMES.session)).toBe(true);

    const url = new URL(`${run.issuer}/session/end`);
    url.searchParams.set("id_token_hint", tokens.id_token);
    url.searchParams.set("post_logout_redirect_uri", `${CONSOLE_ORIGIN}/signed-out`);
    url.searchParams.set("state", "bye");
    const res = await fetchWithJar(jar, url.href);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${CONSOLE_ORIGIN}/signed-out?state=bye`);
    expect(jar.has(OIDC_COOKIE_NAMES.session)).toBe(false);

    expect((await refresh(run.issuer, tokens.refresh_token ?? "")).status).toBe(400);
    const me = await fetch(`${run.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(me.status).toBe(401);

    // The browser must sign in again.
    const { challenge } = makePkce();
    const again = await startAuthorization(jar, run.issuer, { redirectUri: REDIRECT_URI, challenge });
    expect(new URL(again.headers.get("location") ?? "", run.issuer).pathname).toMatch(/^\/oidc\/interaction\//);
  });

  it("scopes the session cookie to the issuer's path and keeps names clear of the console's", async () => {
    const jar = new CookieJar();
    const { challenge } = makePkce();
    const auth = await startAuthorization(jar, run.issuer, { redirectUri: REDIRECT_URI, challenge });
    const interactionUrl = new URL(auth.headers.get("location") ?? "", run.issuer).href;
    const login = await fetchWithJar(jar, `${interactionUrl}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "viewer@atlas.example", password: DEMO_PASSWORD }).toString(),
    });
    const resume = await fetchWithJar(jar, new URL(login.headers.get("location") ?? "", run.issuer).href);
    const sessionCookie = resume.headers.getSetCookie().find((c) => c.startsWith(`${OIDC_COOKIE_NAMES.session}=`));
    expect(sessionCookie).toMatch(/;\s*path=\/oidc\/(;|$)/i);
    expect(sessionCookie).toMatch(/httponly/i);
    expect(sessionCookie).toMatch(/samesite=lax/i);
  });

  it("without a browser session, end_session redirects straight to post_logout_redirect_uri", async () => {
    const { tokens } = await signIn(run.issuer, "dev@atlas.example");
    const url = new URL(`${run.issuer}/session/end`);
    url.searchParams.set("id_token_hint", tokens.id_token);
    url.searchParams.set("post_logout_redirect_uri", `${CONSOLE_ORIGIN}/`);
    url.searchParams.set("state", "s2");
    const res = await fetchWithJar(new CookieJar(), url.href);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${CONSOLE_ORIGIN}/?state=s2`);
  });

  it("accepts an expired id_token_hint, or client_id instead of a hint", async () => {
    const first = await signIn(run.issuer, "admin@atlas.example");
    const expired = await mintExpiredIdToken(stateDir, run.issuer, "admin@atlas.example");
    const byExpiredHint = new URL(`${run.issuer}/session/end`);
    byExpiredHint.searchParams.set("id_token_hint", expired);
    byExpiredHint.searchParams.set("post_logout_redirect_uri", `${CONSOLE_ORIGIN}/`);
    const res1 = await fetchWithJar(first.jar, byExpiredHint.href);
    expect(res1.status).toBe(303);
    expect(res1.headers.get("location")).toBe(`${CONSOLE_ORIGIN}/`);
    expect(first.jar.has(OIDC_COOKIE_NAMES.session)).toBe(false);

    const second = await signIn(run.issuer, "viewer@atlas.example");
    const byClientId = new URL(`${run.issuer}/session/end`);
    byClientId.searchParams.set("client_id", CONSOLE_CLIENT.clientId);
    byClientId.searchParams.set("post_logout_redirect_uri", `${CONSOLE_ORIGIN}/signed-out`);
    const res2 = await fetchWithJar(second.jar, byClientId.href);
    expect(res2.status).toBe(303);
    expect(res2.headers.get("location")).toBe(`${CONSOLE_ORIGIN}/signed-out`);
    expect((await refresh(run.issuer, second.tokens.refresh_token ?? "")).status).toBe(400);
  });

  it("refuses an unregistered post_logout_redirect_uri", async () => {
    const { jar, tokens } = await signIn(run.issuer, "viewer@atlas.example");
    const url = new URL(`${run.issuer}/session/end`);
    url.searchParams.set("id_token_hint", tokens.id_token);
    url.searchParams.set("post_logout_redirect_uri", "http://127.0.0.1:6666/");
    const res = await fetchWithJar(jar, url.href);
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(jar.has(OIDC_COOKIE_NAMES.session)).toBe(true);
  });
});

describe("restart", () => {
  it("keeps keys, sessions and refresh tokens across a restart on the same state folder", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "oidc-restart-"));
    try {
      const first = await startIssuer(dir);
      const { jar, tokens } = await signIn(first.issuer, "dev@atlas.example");
      const kidBefore = decodeJwtHeaderKid(tokens.id_token);
      await first.stop();

      const second = await startIssuer(dir, first.port);
      try {
        // undici may still hold a keep-alive socket to the stopped server; the first call can fail on it.
        const res = await refresh(second.issuer, tokens.refresh_token ?? "").catch(() =>
          refresh(second.issuer, tokens.refresh_token ?? ""),
        );
        expect(res.status).toBe(200);
        const renewed = tokenSchema.parse(await res.json());
        expect(decodeJwtHeaderKid(renewed.id_token)).toBe(kidBefore);
        // The browser session survived: authorize goes straight back to the callback.
        const { challenge } = makePkce();
        const auth = await startAuthorization(jar, second.issuer, { redirectUri: REDIRECT_URI, challenge });
        expect(auth.status).toBe(303);
        expect(auth.headers.get("location")?.startsWith(REDIRECT_URI)).toBe(true);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function decodeJwtHeaderKid(jwt: string): unknown {
  const header = jwt.split(".")[0] ?? "";
  return z.object({ kid: z.string() }).parse(JSON.parse(Buffer.from(header, "base64url").toString("utf8"))).kid;
}
