// Used by proxy.ts, so no "server-only" marker here (nothing in the browser imports this).
import type { StoredSession } from "./session-cookie";
import { logger } from "@/lib/observability/logger";
import { needsRefresh, type SessionToken } from "./token";

/** What the proxy does with the session cookie of one request. */
export interface RenewalOutcome {
  session: StoredSession | null;
  /** The session was renewed: write this session back as the new cookie. */
  renewed?: StoredSession;
  /** Drop the cookie (signed out, revoked, or expired beyond renewal). */
  cleared?: boolean;
}

export interface RenewalDeps {
  /** The refresh-token grant (lib/auth/oidc.ts). */
  refresh: (session: StoredSession) => Promise<SessionToken>;
  /** True when the session was signed out on any console process (the store, lib/store/sessions.ts). */
  isRevoked: (session: StoredSession) => Promise<boolean>;
  nowSeconds?: () => number;
  warn?: (message: string) => void;
}

/**
 * Decides whether this request's session is renewed. A session whose ID token is still fresh is
 * kept as it is (route handlers and pages check revocation themselves). One that needs renewing
 * is first checked against the store: a revoked session is never renewed — no refresh grant is
 * spent on it and its cookie is dropped — and when the store cannot answer it is not renewed
 * either (fail closed). Otherwise the refresh grant runs; if that fails, a still-valid token is
 * kept until it expires.
 */
export async function renewSession(session: StoredSession | null, deps: RenewalDeps): Promise<RenewalOutcome> {
  if (!session) return { session: null };
  const now = deps.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  if (!needsRefresh(session, now)) return { session };
  const warn = deps.warn ?? ((m: string) => logger().warn(m));
  let revoked: boolean;
  try {
    revoked = await deps.isRevoked(session);
  } catch (error) {
    warn(`[auth] revocation check failed, not renewing the session: ${error instanceof Error ? error.message : String(error)}`);
    revoked = true;
  }
  if (revoked) return { session: null, cleared: true };
  try {
    const refreshed: StoredSession = { ...session, ...(await deps.refresh(session)) };
    return { session: refreshed, renewed: refreshed };
  } catch (error) {
    warn(`[auth] ID token refresh failed: ${error instanceof Error ? error.message : String(error)}`);
    return session.idTokenExpiresAt > now ? { session } : { session: null, cleared: true };
  }
}
