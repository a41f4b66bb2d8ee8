/**
 * Test tokens for contract tests. `getIdToken` signs a demo user in through the sandbox issuer's
 * real HTTP flow (authorize with PKCE → sign-in form → consent → code → token endpoint);
 * `mintExpiredIdToken` and `mintForgedIdToken` build tokens the API must reject.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { SignJWT, generateKeyPair, importJWK } from "jose";
import { z } from "zod";
import { CONSOLE_CLIENT, DEMO_PASSWORD } from "../../server/identities";
import { findUserByEmail, userClaims } from "../../server/oidc/accounts";
import { readSigningKeys } from "../../server/oidc/keys";

export interface IssuedTokens {
  idToken: string;
  refreshToken?: string;
  accessToken: string;
}

export interface GetIdTokenOptions {
  /** Redirect URI registered for the console client; defaults to the first default origin's callback. */
  redirectUri?: string;
  /** Skip the per-process cache (e.g. to get a second, independent session). */
  fresh?: boolean;
}

const tokenResponseSchema = z.object({
  id_token: z.string(),
  access_token: z.string(),
  refresh_token: z.string().optional(),
  token_type: z.string(),
  expires_in: z.number().optional(),
});

const jwksSchema = z.object({ keys: z.array(z.object({ kid: z.string().optional() }).passthrough()) });

const cache = new Map<string, IssuedTokens>();

/** Default redirect URI of the console client (always registered by the sandbox issuer). */
export function defaultRedirectUri(): string {
  return `${CONSOLE_CLIENT.defaultOrigins[0]}${CONSOLE_CLIENT.callbackPath}`;
}

/** `Authorization: Basic` value for the console client. */
export function consoleClientBasicAuth(): string {
  const pair = `${encodeURIComponent(CONSOLE_CLIENT.clientId)}:${encodeURIComponent(CONSOLE_CLIENT.clientSecret)}`;
  return `Basic ${Buffer.from(pair).toString("base64")}`;
}

/** Returns a PKCE verifier and its S256 challenge. */
export function makePkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** A minimal cookie jar for one browser-like flow (names only: all cookies are sent back). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Stores the cookies a response sets (expired ones are dropped). */
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The Cookie header value, or undefined when empty. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

/** fetch without following redirects, sending and storing the jar's cookies. */
export async function fetchWithJar(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header();
  if (cookie) headers.set("cookie", cookie);
  const res = await fetch(url, { ...init, headers, redirect: "manual" });
  jar.store(res);
  return res;
}

/**
 * Follows redirects (with cookies) until one points at `redirectUri`, which is captured and not
 * followed; returns the captured URL or throws with the last response.
 */
async function followUntil(jar: CookieJar, start: Response, base: string, redirectUri: string): Promise<URL> {
  let res = start;
  let url = base;
  for (let hop = 0; hop < 10; hop += 1) {
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) {
      throw new Error(`sign-in flow stopped at ${url}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    }
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) return next;
    url = next.href;
    res = await fetchWithJar(jar, url);
  }
  throw new Error("sign-in flow redirected too many times");
}

/** Starts an authorization request and returns the interaction page URL it redirects to. */
export async function startAuthorization(
  jar: CookieJar,
  issuer: string,
  params: { redirectUri: string; challenge?: string; scope?: string; state?: string; nonce?: string },
): Promise<Response> {
  const url = new URL(`${issuer}/auth`);
  url.searchParams.set("client_id", CONSOLE_CLIENT.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", params.redirectUri);
  url.searchParams.set("scope", params.scope ?? "openid email profile offline_access");
  url.searchParams.set("state", params.state ?? randomUUID());
  url.searchParams.set("nonce", params.nonce ?? randomUUID());
  if (params.challenge) {
    url.searchParams.set("code_challenge", params.challenge);
    url.searchParams.set("code_challenge_method", "S256");
  }
  return fetchWithJar(jar, url.href);
}

/** Runs the whole browser flow for one user and returns the authorization code's callback URL. */
export async function signInForCode(
  jar: CookieJar,
  issuer: string,
  email: string,
  opts: { redirectUri: string; challenge: string; password?: string; state?: string; nonce?: string },
): Promise<URL> {
  const authRes = await startAuthorization(jar, issuer, opts);
  const interactionLocation = authRes.headers.get("location");
  if (authRes.status !== 303 || !interactionLocation) {
    throw new Error(`authorize did not redirect to sign-in: HTTP ${authRes.status} ${(await authRes.text()).slice(0, 300)}`);
  }
  const interactionUrl = new URL(interactionLocation, issuer).href;
  const form = new URLSearchParams({ email, password: opts.password ?? DEMO_PASSWORD });
  const loginRes = await fetchWithJar(jar, `${interactionUrl}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  return followUntil(jar, loginRes, interactionUrl, opts.redirectUri);
}

/** Exchanges an authorization code at the token endpoint (client_secret_basic). */
export async function exchangeCode(issuer: string, code: string, verifier: string, redirectUri: string): Promise<Response> {
  return fetch(`${issuer}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: consoleClientBasicAuth() },
    body: new URLSearchParams({ grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: redirectUri }).toString(),
  });
}

function expiresSoon(idToken: string): boolean {
  const payload = idToken.split(".")[1];
  if (!payload) return true;
  const { exp } = z.object({ exp: z.number() }).parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  return exp * 1000 < Date.now() + 10_000;
}

/** Signs `email` in through the real issuer flow and returns its tokens (cached per issuer+email). */
export async function getIdToken(issuer: string, email: string, opts: GetIdTokenOptions = {}): Promise<IssuedTokens> {
  const key = `${issuer}\n${email.toLowerCase()}`;
  const cached = cache.get(key);
  if (!opts.fresh && cached && !expiresSoon(cached.idToken)) return cached;

  const redirectUri = opts.redirectUri ?? defaultRedirectUri();
  const { verifier, challenge } = makePkce();
  const state = randomUUID();
  const callback = await signInForCode(new CookieJar(), issuer, email, { redirectUri, challenge, state });
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code in callback: ${callback.href}`);
  if (callback.searchParams.get("state") !== state) throw new Error("state mismatch in callback");

  const res = await exchangeCode(issuer, code, verifier, redirectUri);
  if (!res.ok) throw new Error(`token endpoint: HTTP ${res.status} ${await res.text()}`);
  const body = tokenResponseSchema.parse(await res.json());
  const tokens: IssuedTokens = { idToken: body.id_token, accessToken: body.access_token, refreshToken: body.refresh_token };
  if (!opts.fresh) cache.set(key, tokens);
  return tokens;
}

function claimsFor(issuer: string, email: string, iat: number, exp: number): Record<string, unknown> {
  const user = findUserByEmail(email);
  if (!user) throw new Error(`unknown demo user ${email}`);
  return { ...userClaims(user), token_use: "id", auth_time: iat, iat, exp, iss: issuer, aud: CONSOLE_CLIENT.clientId };
}

/** An ID token signed with the issuer's real key (read from the state folder) that expired an hour ago. */
export async function mintExpiredIdToken(stateDir: string, issuer: string, email: string): Promise<string> {
  const [jwk] = readSigningKeys(stateDir);
  if (!jwk) throw new Error("no signing key in state dir");
  const key = await importJWK(jwk, "RS256");
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claimsFor(issuer, email, now - 7200, now - 3600))
    .setProtectedHeader({ alg: "RS256", kid: jwk.kid, typ: "JWT" })
    .sign(key);
}

/**
 * A currently valid-looking ID token signed with a fresh key the issuer never had. It reuses the
 * issuer's published `kid` when reachable, so only the signature check can reject it.
 */
export async function mintForgedIdToken(issuer: string, email: string): Promise<string> {
  let kid: string = randomUUID();
  try {
    const res = await fetch(`${issuer}/jwks`);
    const published = jwksSchema.parse(await res.json()).keys[0]?.kid;
    if (published) kid = published;
  } catch {
    // Issuer unreachable: a random kid still yields a token no published key verifies.
  }
  const { privateKey } = await generateKeyPair("RS256");
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claimsFor(issuer, email, now, now + 3600)).setProtectedHeader({ alg: "RS256", kid, typ: "JWT" }).sign(privateKey);
}
