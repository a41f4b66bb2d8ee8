import "server-only";

/**
 * CSRF guard for mutating BFF routes: the request must come from this origin. Browsers send
 * Sec-Fetch-Site on every request and Origin on every non-GET; either proving cross-site is a 403.
 */
export function isSameOriginRequest(headers: Headers, requestUrl: string): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const origin = headers.get("origin");
  if (!origin) {
    // No Origin on a mutating request: only trust it when Sec-Fetch-Site vouched for it.
    return fetchSite === "same-origin";
  }
  return origin === expectedOrigin(headers, requestUrl);
}

/** The console's own origin as the browser sees it (honours a reverse proxy's forwarded headers). */
export function expectedOrigin(headers: Headers, requestUrl: string): string {
  const url = new URL(requestUrl);
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? url.host;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
