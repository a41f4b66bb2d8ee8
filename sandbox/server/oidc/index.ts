import { mkdirSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import querystring from "node:querystring";
import Provider, { type AccountClaims, type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { CONSOLE_CLIENT } from "../identities";
import { SCOPE_CLAIMS, SUPPORTED_SCOPES, findUserBySub, userClaims } from "./accounts";
import { INTERACTION_PATH, handleInteraction } from "./interactions";
import { loadOrCreateCookieKeys, loadOrCreateSigningKeys } from "./keys";
import { PAGE_CSP, renderMessagePage } from "./pages";
import { SqliteAdapter, openOidcDatabase } from "./sqlite-adapter";

export interface CreateOidcOptions {
  /** Public issuer URL including the mount path, e.g. `http://127.0.0.1:4010/oidc`. */
  issuer: string;
  /** State folder: `oidc-jwks.json`, `oidc-cookie-keys.json` and `oidc.db` live here. */
  stateDir: string;
  /** Console origins allowed as redirect and post-logout targets (the defaults are always added). */
  consoleOrigins: string[];
  /** Lifetime of ID tokens (and, to keep `expires_in` meaningful, of access tokens). */
  idTokenTtlSeconds: number;
}

export interface OidcHandle {
  handler(req: IncomingMessage, res: ServerResponse): void;
  close?(): Promise<void>;
}

/**
 * Cookie names of the issuer. The console shares the host 127.0.0.1 (cookies ignore ports), so
 * the names are prefixed to stay clear of the console's own cookies.
 */
export const OIDC_COOKIE_NAMES = {
  session: "pegasus_oidc_session",
  interaction: "pegasus_oidc_interaction",
  resume: "pegasus_oidc_resume",
} as const;
// Endpoints where a client authenticates; see translateClientSecretPost.
const CLIENT_AUTH_PATHS = new Set(["/token", "/token/revocation"]);

function uniq(values: string[]): string[] {
  return [...new Set(values)];
}

/** Origins normalised to `scheme://host:port` (no trailing slash). */
function normaliseOrigin(origin: string): string {
  return new URL(origin).origin;
}

function htmlResponse(ctx: KoaContextWithOIDC, status: number, html: string): void {
  ctx.status = status;
  ctx.type = "html";
  ctx.set("Content-Security-Policy", PAGE_CSP);
  ctx.body = html;
}

/**
 * Ends the browser session without a confirmation page: revokes what the session granted (tokens
 * and grants), drops the session cookie and redirects to the validated post_logout_redirect_uri.
 * oidc-provider has already checked id_token_hint and the redirect URI when this runs.
 */
async function signOutNow(ctx: KoaContextWithOIDC, longCookie: { path: string }): Promise<void> {
  const { session, provider } = ctx.oidc;
  if (!session) return;
  const state = (session.state ?? {}) as { postLogoutRedirectUri?: unknown; state?: unknown };
  for (const { grantId } of Object.values(session.authorizations ?? {})) {
    if (!grantId) continue;
    await Promise.all([
      provider.AccessToken.revokeByGrantId(grantId),
      provider.RefreshToken.revokeByGrantId(grantId),
      provider.AuthorizationCode.revokeByGrantId(grantId),
    ]);
    const grant = await provider.Grant.find(grantId);
    await grant?.destroy();
  }
  await session.destroy();
  ctx.cookies.set(provider.cookieName("session"), null, { ...longCookie, httpOnly: true, sameSite: "lax" });
  provider.emit("end_session.success", ctx);

  if (typeof state.postLogoutRedirectUri === "string") {
    const target = new URL(state.postLogoutRedirectUri);
    if (typeof state.state === "string") target.searchParams.set("state", state.state);
    ctx.status = 303;
    ctx.redirect(target.href);
    return;
  }
  htmlResponse(ctx, 200, renderMessagePage("Signed out", ["You are signed out of the Pegasus sandbox."]));
}

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limit) throw new BodyTooLargeError("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * oidc-provider allows exactly one authentication method per client, but the console's client must
 * accept both `client_secret_basic` (registered) and `client_secret_post`. A form body carrying
 * `client_secret` without an Authorization header is turned into the equivalent Basic header; the
 * provider then reads the already-parsed body from `req.body` (its documented fallback, which logs
 * one "already parsed request body" warning per process).
 */
async function translateClientSecretPost(req: IncomingMessage & { body?: unknown }): Promise<void> {
  if (req.method !== "POST" || req.headers.authorization) return;
  if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return;
  const form = querystring.parse(await readBody(req, 64 * 1024));
  const { client_id: clientId, client_secret: clientSecret } = form;
  if (typeof clientId === "string" && typeof clientSecret === "string") {
    delete form.client_secret;
    delete form.client_id;
    const basic = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
    req.headers.authorization = `Basic ${Buffer.from(basic).toString("base64")}`;
  }
  req.body = form;
}

/** Creates the sandbox OIDC issuer; the returned handler serves every path under the issuer's path. */
export async function createOidc(opts: CreateOidcOptions): Promise<OidcHandle> {
  const issuerUrl = new URL(opts.issuer);
  const mountPath = issuerUrl.pathname.replace(/\/+$/, "");
  mkdirSync(opts.stateDir, { recursive: true });

  const signingKeys = await loadOrCreateSigningKeys(opts.stateDir);
  const cookieKeys = loadOrCreateCookieKeys(opts.stateDir);
  const db = openOidcDatabase(path.join(opts.stateDir, "oidc.db"));

  const origins = uniq([...opts.consoleOrigins, ...CONSOLE_CLIENT.defaultOrigins].map(normaliseOrigin));
  const ttl = Math.max(1, Math.floor(opts.idTokenTtlSeconds));
  // The browser session cookie only travels to the issuer's own paths.
  const longCookie = { httpOnly: true, sameSite: "lax", path: `${mountPath}/` } as const;
  const shortCookie = { httpOnly: true, sameSite: "lax" } as const;

  const configuration: Configuration = {
    adapter: (model: string) => new SqliteAdapter(db, model),
    clients: [
      {
        client_id: CONSOLE_CLIENT.clientId,
        client_secret: CONSOLE_CLIENT.clientSecret,
        client_name: "Pegasus Console",
        redirect_uris: origins.map((o) => `${o}${CONSOLE_CLIENT.callbackPath}`),
        post_logout_redirect_uris: origins.flatMap((o) => [`${o}/`, `${o}/signed-out`]),
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
        id_token_signed_response_alg: "RS256",
        scope: SUPPORTED_SCOPES.join(" "),
      },
    ],
    jwks: { keys: signingKeys },
    cookies: { keys: cookieKeys, long: longCookie, short: shortCookie, names: { ...OIDC_COOKIE_NAMES } },
    scopes: [...SUPPORTED_SCOPES],
    responseTypes: ["code"],
    claims: Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    // Cognito puts every user claim in the ID token even for the code flow; so do we.
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const user = findUserBySub(sub);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        claims: (use): AccountClaims => ({
          ...userClaims(user),
          sub: user.sub,
          ...(use === "id_token" ? { token_use: "id" } : {}),
        }),
      };
    },
    // The console is first-party: its grant covers every supported scope without a consent page.
    loadExistingGrant: async (ctx) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      if (existing && existing.accountId === session.accountId) return existing;
      if (client.clientId !== CONSOLE_CLIENT.clientId) return undefined;
      const grant = new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope([...SUPPORTED_SCOPES]);
      await grant.save();
      return grant;
    },
    // Like Cognito: the console always gets a refresh token, offline_access requested or not.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    // Refresh tokens are not tied to the browser session (logout revokes them explicitly) and
    // are not rotated, so parallel refreshes from the console cannot invalidate each other.
    expiresWithSession: () => false,
    rotateRefreshToken: false,
    pkce: { required: () => true },
    ttl: {
      AccessToken: ttl,
      AuthorizationCode: 120,
      IdToken: ttl,
      RefreshToken: 30 * 24 * 3600,
      Grant: 30 * 24 * 3600,
      Session: 14 * 24 * 3600,
      Interaction: 3600,
    },
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx) => signOutNow(ctx, longCookie),
        postLogoutSuccessSource: (ctx) => {
          htmlResponse(ctx, 200, renderMessagePage("Signed out", ["You are signed out of the Pegasus sandbox."]));
        },
      },
    },
    // Browsers never need the token endpoint; server-side callers may still send their Origin.
    clientBasedCORS: (_ctx, origin) => origins.includes(origin),
    renderError: (ctx, out) => {
      const lines = [out.error, out.error_description].filter((v): v is string => typeof v === "string");
      htmlResponse(ctx, ctx.status >= 400 ? ctx.status : 400, renderMessagePage("Sign-in error", lines));
    },
  };

  const provider = new Provider(issuerUrl.href.replace(/\/+$/, ""), configuration);
  provider.on("server_error", (_ctx: unknown, err: unknown) => {
    console.error("[oidc] server error", err);
  });
  // Without a signed-in session oidc-provider would answer end_session with an auto-submitting
  // (scripted) form; there is nothing to end, so go straight to the validated redirect instead.
  provider.use(async (koaCtx, next) => {
    await next();
    // Requests that matched no route have no `oidc` member.
    const ctx = koaCtx as KoaContextWithOIDC;
    const oidc = (koaCtx as Partial<KoaContextWithOIDC>).oidc;
    if (oidc?.route !== "end_session" || ctx.status !== 200 || oidc.session?.accountId) return;
    const target = oidc.params?.["post_logout_redirect_uri"];
    const state = oidc.params?.["state"];
    if (typeof target === "string") {
      const url = new URL(target);
      if (typeof state === "string") url.searchParams.set("state", state);
      ctx.status = 303;
      ctx.redirect(url.href);
    } else {
      htmlResponse(ctx, 200, renderMessagePage("Signed out", ["You are signed out of the Pegasus sandbox."]));
    }
  });
  const callback = provider.callback();

  const handle = async (req: IncomingMessage & { body?: unknown }, res: ServerResponse): Promise<void> => {
    const original = req.url ?? "/";
    if (!original.startsWith(mountPath)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    let rest = original.slice(mountPath.length);
    if (rest === "" || rest.startsWith("?")) rest = `/${rest}`;
    if (!rest.startsWith("/")) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const pathname = rest.split("?")[0] ?? "/";

    const interaction = INTERACTION_PATH.exec(pathname);
    if (interaction?.[1]) {
      await handleInteraction(provider, mountPath, interaction[1], Boolean(interaction[2]), req, res);
      return;
    }
    if (CLIENT_AUTH_PATHS.has(pathname)) {
      try {
        await translateClientSecretPost(req);
      } catch (err) {
        if (!(err instanceof BodyTooLargeError)) throw err;
        res.writeHead(413, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
        res.end(JSON.stringify({ error: "invalid_request", error_description: "request body too large" }));
        return;
      }
    }

    // Mounted without express: oidc-provider derives its mount path from originalUrl minus url.
    Object.assign(req, { originalUrl: original, baseUrl: mountPath });
    req.url = rest;
    await callback(req, res);
  };

  return {
    handler(req, res) {
      handle(req, res).catch((err: unknown) => {
        console.error("[oidc] request failed", err);
        if (!res.headersSent) {
          res.statusCode = 500;
          res.setHeader("Content-Type", "text/html; charset=utf-8");
          res.setHeader("Content-Security-Policy", PAGE_CSP);
          res.end(renderMessagePage("Sandbox issuer error", ["Something went wrong in the sandbox issuer."]));
        } else {
          res.end();
        }
      });
    },
    async close() {
      db.close();
    },
  };
}
