import { NextResponse, type NextRequest } from "next/server";
import { refreshSession } from "@/lib/auth/oidc";
import { encodeSessionToken, readSessionToken, type StoredSession } from "@/lib/auth/session-cookie";
import { authSettings, isSecureDeployment, SESSION_MAX_AGE_SECONDS, sessionCookieName } from "@/lib/auth/settings";
import { needsRefresh } from "@/lib/auth/token";
import { logger } from "@/lib/observability/logger";
import { buildCsp, createNonce } from "@/lib/security/csp";

// Pages anyone may open; every other page needs a session (/health too: it shows internal detail).
const PUBLIC_PAGES = new Set(["/sign-in", "/signed-out"]);

/**
 * Resolves the session for this request and renews the ID token when it is about to expire.
 * Doing it here (and only here) means the renewed cookie reaches both the browser and the
 * route handler or page that runs right after, so no request is made with a stale token.
 */
async function resolveSession(request: NextRequest): Promise<{ session: StoredSession | null; renewed?: string; cleared?: boolean }> {
  const session = await readSessionToken(request.cookies);
  if (!session) return { session: null, cleared: request.cookies.has(sessionCookieName()) };
  if (!needsRefresh(session)) return { session };
  const settings = authSettings();
  try {
    const refreshed = { ...session, ...(await refreshSession(session, settings)) };
    return { session: refreshed, renewed: await encodeSessionToken(refreshed) };
  } catch (error) {
    // The message only: an error object from the token endpoint could carry the request it failed on.
    logger().warn({ path: request.nextUrl.pathname, error: error instanceof Error ? error.message : String(error) }, "ID token refresh failed");
    const stillValid = session.idTokenExpiresAt > Math.floor(Date.now() / 1000);
    return stillValid ? { session } : { session: null, cleared: true };
  }
}

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

function decodesCleanly(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function malformedPath(isApi: boolean): NextResponse {
  const message = "Invalid path: malformed percent-encoding";
  const headers = { "cache-control": "no-store" };
  return isApi
    ? NextResponse.json({ error: { code: "VALIDATION_ERROR", message, requestId: crypto.randomUUID() } }, { status: 400, headers })
    : new NextResponse(message, { status: 400, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
}

// Methods Next routes to an /api handler. Anything else (TRACE, a made-up verb) would end in a bare
// 500 from Next before any route runs: answered here as 405 with the BFF's error envelope.
const ROUTED_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);

function methodNotAllowed(method: string): NextResponse {
  const message = `Method ${method.slice(0, 20)} is not allowed on the API`;
  return NextResponse.json(
    { error: { code: "METHOD_NOT_ALLOWED", message, requestId: crypto.randomUUID() } },
    { status: 405, headers: { "cache-control": "no-store", allow: [...ROUTED_METHODS].join(", ") } },
  );
}

/** Next 16 proxy/** Next 16 proxy (formerly middleware): per-request CSP nonce, token renewal, sign-in redirect. */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const isAuthRoute = pathname.startsWith("/api/auth");
  const isApi = pathname.startsWith("/api/");
  // Every response carries the nonce CSP (a fresh nonce each), but only pages read the nonce from
  // the request headers: the JSON routes skip that header copy unless the cookie changed.
  const nonce = createNonce();
  const csp = buildCsp({ nonce, isDev: process.env.NODE_ENV === "development", formTargets: [new URL(authSettings().issuer).origin] });

  // Next answers a bare 500 for a path that does not percent-decode (`%zz`), before any route runs:
  // refuse it here as bad input, with the BFF's error envelope on /api.
  if (!decodesCleanly(pathname)) return withSecurityHeaders(malformedPath(isApi), csp);
  if (isApi && !ROUTED_METHODS.has(request.method)) return withSecurityHeaders(methodNotAllowed(request.method), csp);

  const { session, renewed, cleared } = isAuthRoute ? { session: null } : await resolveSession(request);
  const cookieName = sessionCookieName();

  let requestHeaders: Headers | undefined;
  if (!isApi || isAuthRoute) {
    requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
  }
  if (renewed) {
    // Hand the renewed cookie to the page/handler of this very request, then to the browser.
    request.cookies.set(cookieName, renewed);
    requestHeaders ??= new Headers(request.headers);
    requestHeaders.set("cookie", request.cookies.toString());
  } else if (cleared) {
    request.cookies.delete(cookieName);
    requestHeaders ??= new Headers(request.headers);
    requestHeaders.set("cookie", request.cookies.toString());
  }

  let response: NextResponse;
  if (!session && !isApi && !PUBLIC_PAGES.has(pathname)) {
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    response = NextResponse.redirect(signIn);
  } else {
    response = requestHeaders ? NextResponse.next({ request: { headers: requestHeaders } }) : NextResponse.next();
  }

  if (renewed) {
    response.cookies.set(cookieName, renewed, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: isSecureDeployment(),
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
  } else if (cleared) {
    response.cookies.delete(cookieName);
  }
  return withSecurityHeaders(response, csp);
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico|css|js|woff2?)$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
