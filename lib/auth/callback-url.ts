/** Where the console sends a user after sign-in when no usable target was given. */
export const DEFAULT_CALLBACK_URL = "/";

// An origin that can never be the console's; only used to resolve a path and see where it lands.
const PROBE_ORIGIN = "http://callback.invalid";

/**
 * The one rule for post-sign-in targets (sign-in page, sign-in action, anchors carried across
 * sign-in): a path on this console, or the default. Browsers repair what they are given before
 * they follow it (`/\host` and `/<TAB>/host` both become `//host`, another site), so anything with
 * a backslash, a control character or white space is refused outright, and what is left must
 * still resolve to this origin. The result is the re-serialised path, never the raw input.
 */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return DEFAULT_CALLBACK_URL;
  if (!value.startsWith("/") || value.startsWith("//")) return DEFAULT_CALLBACK_URL;
  if (/[\\\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(value))
    return DEFAULT_CALLBACK_URL;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return DEFAULT_CALLBACK_URL;
  }
  if (url.origin !== PROBE_ORIGIN) return DEFAULT_CALLBACK_URL;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? DEFAULT_CALLBACK_URL : path;
}

/**
 * Adds the fragment the browser kept (`#event-7`) to a callback path, which the server never
 * saw: only when the path has none yet and the result still passes `safeCallbackUrl`.
 */
export function withFragment(callbackUrl: string, hash: string): string {
  const safe = safeCallbackUrl(callbackUrl);
  if (!hash || hash === "#" || safe.includes("#")) return safe;
  const fragment = hash.startsWith("#") ? hash : `#${hash}`;
  const joined = safeCallbackUrl(`${safe}${fragment}`);
  return joined.startsWith(safe) ? joined : safe;
}
