/**
 * Signs in to the console over plain HTTP (no browser): the Auth.js sign-in endpoint, the
 * sandbox issuer's script-free demo form, the callback. Each call is a distinct session with its
 * own refresh token. Used where many sessions are needed (load) or where the raw Set-Cookie
 * headers matter (cookie flags).
 */

interface StoredCookie {
  value: string;
  path: string;
}

/** A minimal cookie jar for one host (cookies ignore ports, as in a browser). */
export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();
  /** Every raw Set-Cookie header seen, in order. */
  readonly seen: string[] = [];

  store(response: Response, requestPath: string): void {
    for (const line of response.headers.getSetCookie()) {
      this.seen.push(line);
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = new Map(
        attributes.map((a) => [a.split("=")[0]?.toLowerCase() ?? "", a.includes("=") ? a.slice(a.indexOf("=") + 1) : ""]),
      );
      const maxAge = attr.get("max-age");
      const expires = attr.get("expires");
      const gone =
        value === "" || (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) < Date.now());
      if (gone) {
        this.cookies.delete(name);
        continue;
      }
      const defaultPath = requestPath.slice(0, Math.max(1, requestPath.lastIndexOf("/")));
      this.cookies.set(name, { value, path: attr.get("path") || defaultPath });
    }
  }

  header(path: string): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`) || c.path === "/")
      .map(([name, c]) => `${name}=${c.value}`)
      .join("; ");
  }

  get(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  set(name: string, value: string, path = "/"): void {
    this.cookies.set(name, { value, path });
  }
}

/** One request through the jar; redirects are not followed (the caller sees every hop). */
export async function jarFetch(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const target = new URL(url);
  const headers = new Headers(init.headers);
  const cookie = jar.header(target.pathname);
  if (cookie) headers.set("cookie", cookie);
  const response = await fetch(target, { ...init, headers, redirect: "manual" });
  jar.store(response, target.pathname);
  return response;
}

async function follow(jar: CookieJar, first: Response, from: string): Promise<{ response: Response; url: string }> {
  let response = first;
  let url = from;
  for (let hop = 0; hop < 12 && response.status >= 300 && response.status < 400; hop++) {
    const location = response.headers.get("location");
    if (!location) break;
    await response.arrayBuffer();
    url = new URL(location, url).toString();
    response = await jarFetch(jar, url);
  }
  return { response, url };
}

/** The demo password of every sandbox user (sandbox/server/identities.ts, duplicated on purpose). */
export const DEMO_PASSWORD = "pegasus-demo";

/**
 * Signs `email` in through the console at `consoleOrigin`; returns the jar holding the session
 * cookie (and every Set-Cookie header seen on the way).
 */
export async function httpSignIn(consoleOrigin: string, email: string, cookieName = "pegasus.session"): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrfResponse = await jarFetch(jar, `${consoleOrigin}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const start = await jarFetch(jar, `${consoleOrigin}/api/auth/signin/pegasus`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: consoleOrigin },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${consoleOrigin}/workflows` }),
  });
  const form = await follow(jar, start, `${consoleOrigin}/api/auth/signin/pegasus`);
  const html = await form.response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no sign-in form at ${form.url} (${form.response.status})`);
  const loginUrl = new URL(action.replace(/&amp;/g, "&"), form.url).toString();
  const login = await jarFetch(jar, loginUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(form.url).origin },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const done = await follow(jar, login, loginUrl);
  await done.response.arrayBuffer();
  if (!jar.get(cookieName)) throw new Error(`sign-in of ${email} ended at ${done.url} (${done.response.status}) without a session cookie`);
  return jar;
}
