import "server-only";
import { originSettings, type OriginSettings } from "@/lib/env";

/**
 * CSRF guard for mutating BFF routes: the request must come from this origin. Browsers send
 * Sec-Fetch-Site on every request and Origin on every non-GET; either proving cross-site is a 403.
 */
export function isSameOriginRequest(headers: Headers, requestUrl: string, settings: OriginSettings = originSettings()): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const origin = headers.get("origin");
  if (!origin) {
    // No Origin on a mutating request: only trust it when Sec-Fetch-Site vouched for it.
    return fetchSite === "same-origin";
  }
  return origin === expectedOrigin(headers, requestUrl, settings);
}

function firstValue(value: string | null): string | null {
  const first = value?.split(",")[0]?.trim();
  return first ? first : null;
}

/**
 * The console's own origin as the browser sees it. `AUTH_URL` decides when set. Otherwise the
 * Host the browser connected with (a browser cannot forge it for another site's page); the
 * X-Forwarded-Host/-Proto headers only with `TRUST_PROXY`, because any client can send them and
 * only a proxy configured to overwrite them makes them true.
 */
export function expectedOrigin(headers: Headers, requestUrl: string, settings: OriginSettings = originSettings()): string {
  if (settings.publicOrigin) return settings.publicOrigin;
  const url = new URL(requestUrl);
  const forwardedHost = settings.trustProxy ? firstValue(headers.get("x-forwarded-host")) : null;
  const forwardedProto = settings.trustProxy ? firstValue(headers.get("x-forwarded-proto")) : null;
  const host = forwardedHost ?? headers.get("host") ?? url.host;
  const proto = forwardedProto ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
