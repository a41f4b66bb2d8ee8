// Used by proxy.ts too, so no "server-only" marker here (nothing in the browser imports this).
import { z } from "zod";
import { sessionFieldsFromIdToken, type SessionToken } from "./token";

const discoverySchema = z.looseObject({
  issuer: z.string(),
  token_endpoint: z.string(),
  end_session_endpoint: z.string().optional(),
});
export type Discovery = z.infer<typeof discoverySchema>;

const discoveryCache = new Map<string, { doc: Discovery; at: number }>();
const DISCOVERY_TTL_MS = 5 * 60 * 1000;

/** Fetches (and caches for a few minutes) the issuer's discovery document. */
export async function discover(issuer: string, doFetch: typeof fetch = fetch): Promise<Discovery> {
  const hit = discoveryCache.get(issuer);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.doc;
  const res = await doFetch(`${issuer}/.well-known/openid-configuration`, { cache: "no-store", signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`OIDC discovery answered ${res.status}`);
  const doc = discoverySchema.parse(await res.json());
  discoveryCache.set(issuer, { doc, at: Date.now() });
  return doc;
}

const tokenResponseSchema = z.looseObject({
  id_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
});

export interface RefreshSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof fetch;
}

/** Runs the refresh-token grant and returns updated session fields (the old refresh token is kept unless rotated). */
export async function refreshSession(token: SessionToken, settings: RefreshSettings): Promise<SessionToken> {
  if (!token.refreshToken) throw new Error("The session has no refresh token");
  const doFetch = settings.fetch ?? fetch;
  const { token_endpoint } = await discover(settings.issuer, doFetch);
  const basic = Buffer.from(`${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`).toString("base64");
  const res = await doFetch(token_endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}`, accept: "application/json" },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: token.refreshToken }).toString(),
    cache: "no-store",
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`Refresh grant answered ${res.status}`);
  const body = tokenResponseSchema.parse(await res.json());
  return { ...token, ...sessionFieldsFromIdToken(body.id_token, body.refresh_token ?? token.refreshToken) };
}

/** RP-initiated logout URL. Uses client_id rather than id_token_hint so no token travels through the browser. */
export async function endSessionUrl(settings: { issuer: string; clientId: string }, postLogoutRedirectUri: string): Promise<string | null> {
  try {
    const { end_session_endpoint } = await discover(settings.issuer);
    if (!end_session_endpoint) return null;
    const url = new URL(end_session_endpoint);
    url.searchParams.set("client_id", settings.clientId);
    url.searchParams.set("post_logout_redirect_uri", postLogoutRedirectUri);
    return url.toString();
  } catch {
    return null;
  }
}
