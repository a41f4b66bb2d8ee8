import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import { safeCallbackUrl } from "./callback-url";
import { authSettings, isSecureDeployment, SESSION_MAX_AGE_SECONDS, sessionCookieName } from "./settings";
import { isRevokedSession, newSessionIdentity, rememberSignIn, revokeThisSession } from "./revocation";
import { publicSessionSchema, sessionFieldsFromIdToken, sessionTokenSchema, toPublicSession, type PublicSession } from "./token";
import { logger } from "@/lib/observability/logger";
import { observeSignIn } from "@/lib/observability/metrics";

/** Id of the one sign-in provider; the sandbox registers `/api/auth/callback/pegasus`. */
export const PROVIDER_ID = "pegasus";

/** Auth.js error types raised by a sign-in attempt (rather than by reading an existing session). */
const SIGN_IN_ERRORS = new Set([
  "CallbackRouteError",
  "OAuthCallbackError",
  "OAuthSignInError",
  "InvalidCheck",
  "AccessDenied",
  "OAuthProfileParseError",
]);

function buildConfig(): NextAuthConfig {
  const settings = authSettings();
  const secure = isSecureDeployment();
  return {
    secret: settings.secret,
    // Behind a proxy the Host header is trusted unless AUTH_TRUST_HOST=false says otherwise.
    trustHost: process.env.AUTH_TRUST_HOST !== "false",
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    // Auth.js's own errors go to the JSON log (its default writes to stderr); the ones a sign-in
    // attempt raises (the callback from the issuer, a failed state/PKCE check, a refused sign-in)
    // are counted as failed sign-ins in the metrics.
    logger: {
      error(error) {
        const type = "type" in error && typeof error.type === "string" ? error.type : error.name;
        if (SIGN_IN_ERRORS.has(type)) observeSignIn("error");
        logger().error({ type, error: error.message }, "auth error");
      },
    },
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    providers: [
      {
        id: PROVIDER_ID,
        name: "Pegasus",
        type: "oidc",
        issuer: settings.issuer,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        checks: ["pkce", "state"],
        authorization: { params: { scope: "openid email profile offline_access" } },
        client: { token_endpoint_auth_method: "client_secret_basic" },
      },
    ],
    callbacks: {
      // Every post-sign-in/-out target Auth.js follows (its callback-url cookie, a `callbackUrl`
      // sent to /api/auth/*) goes through the same rule as the sign-in page and action.
      redirect({ url, baseUrl }) {
        if (url.startsWith("/")) return `${baseUrl}${safeCallbackUrl(url)}`;
        try {
          const target = new URL(url);
          if (target.origin === new URL(baseUrl).origin)
            return `${baseUrl}${safeCallbackUrl(`${target.pathname}${target.search}${target.hash}`)}`;
        } catch {
          // not a URL: fall through to the default target
        }
        return `${baseUrl}${safeCallbackUrl(undefined)}`;
      },
      // Runs at sign-in (with `account`) and on every session read. Refresh happens in proxy.ts,
      // the one place that can write the renewed cookie before handlers read it.
      // A sign-in gets its own session id (sign-out revokes it in the store) and records the user's name.
      async jwt({ token, account }) {
        if (account?.id_token) {
          const signedIn = { ...token, ...sessionFieldsFromIdToken(account.id_token, account.refresh_token), ...newSessionIdentity() };
          await rememberSignIn(signedIn);
          observeSignIn("ok");
          return signedIn;
        }
        return token;
      },
      // The browser-visible session: name, email, tenant id, roles. Nothing else leaves the server.
      // A revoked session (signed out on any console process) reads as no session.
      async session({ session, token }) {
        const stored = sessionTokenSchema.safeParse(token);
        if (!stored.success || (await isRevokedSession(stored.data))) {
          return { expires: session.expires, user: { name: null, email: null, tenantId: "", tenantName: null, roles: [] } };
        }
        return toPublicSession(stored.data, session.expires);
      },
    },
    events: {
      // Every sign-out (the user menu's action and Auth.js's own POST /api/auth/signout) ends the
      // session for every console process, not only in this browser.
      async signOut(message) {
        const token = "token" in message ? sessionTokenSchema.safeParse(message.token) : null;
        if (!token?.success) return;
        // The cookie is cleared whatever happens; a failed write is logged for the operator.
        await revokeThisSession(token.data).catch((error: unknown) =>
          logger().error({ error: error instanceof Error ? error.message : String(error) }, "could not record the sign-out"),
        );
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

/** The signed-in user's public session, or null (server components and route handlers). */
export async function getPublicSession(): Promise<PublicSession | null> {
  const session = await auth();
  if (!session) return null;
  const parsed = publicSessionSchema.safeParse(session);
  return parsed.success && parsed.data.user.tenantId ? parsed.data : null;
}
