import { expect, test, type APIRequestContext } from "@playwright/test";
import { bffErrorSchema } from "../lib/schemas/common";
import { BFF_WRAPPED_ROUTES, BffClient, loadFixtures, stateSnapshot, type Fixtures, type Prepared } from "./support/bff-routes";
import { storageStatePath } from "./support/roles";

// Issue 8: a write from another site is refused before anything else (lib/api/origin.ts), on
// every non-GET BFF route, and changes nothing. The admin's session is used (every permission),
// so a refusal can only come from the origin guard.

test.describe.configure({ mode: "serial" });

const EVIL = "https://evil.example";
const baseURL = () => process.env.E2E_BASE_URL ?? "";

/** Header sets a cross-site page (or a stripped-down client) would send; each must be refused. */
const FOREIGN: Record<string, (self: string) => Record<string, string>> = {
  "foreign Origin": () => ({ origin: EVIL }),
  "foreign Origin + Sec-Fetch-Site cross-site": () => ({ origin: EVIL, "sec-fetch-site": "cross-site" }),
  "own Origin but Sec-Fetch-Site cross-site": (self) => ({ origin: self, "sec-fetch-site": "cross-site" }),
  "own Origin but Sec-Fetch-Site same-site (a sibling subdomain)": (self) => ({ origin: self, "sec-fetch-site": "same-site" }),
  "no Origin, foreign Referer": () => ({ referer: `${EVIL}/attack.html` }),
  "no Origin, own Referer (not proof: Referer is not checked)": (self) => ({ referer: `${self}/secrets` }),
  "Origin null (sandboxed frame)": () => ({ origin: "null" }),
  "look-alike Origin": (self) => ({ origin: `${self}.evil.example` }),
  "no Origin and no Sec-Fetch-Site": () => ({}),
};

const mutating = BFF_WRAPPED_ROUTES.filter((r) => r.method !== "GET");
let admin: APIRequestContext;
let other: APIRequestContext;
let anonymous: APIRequestContext;
let fx: Fixtures;

test.beforeAll(async ({ playwright }) => {
  admin = await playwright.request.newContext({ baseURL: baseURL(), storageState: storageStatePath("admin") });
  other = await playwright.request.newContext({ baseURL: baseURL(), storageState: storageStatePath("otherAdmin") });
  anonymous = await playwright.request.newContext({ baseURL: baseURL() });
  fx = await loadFixtures(new BffClient(admin, baseURL()), new BffClient(other, baseURL()));
});

test.afterAll(async () => {
  for (const ctx of [admin, other, anonymous]) await ctx?.dispose();
});

test("every non-GET BFF route refuses every cross-site header set with 403 CROSS_ORIGIN and writes nothing", async () => {
  test.setTimeout(90_000);
  expect(mutating.length).toBeGreaterThanOrEqual(17);
  // Real targets (throw-away secrets, triggers…) so an accepted request WOULD change something.
  const prepared: Array<{ method: string; target: Prepared }> = [];
  for (const row of mutating) prepared.push({ method: row.method, target: await row.build(fx, "admin") });
  const before = await stateSnapshot(fx);
  const failures: string[] = [];
  let refused = 0;
  try {
    for (const { method, target } of prepared) {
      for (const [name, headers] of Object.entries(FOREIGN)) {
        for (const [who, ctx] of [
          ["admin", admin],
          ["no session", anonymous],
        ] as const) {
          const res = await ctx.fetch(target.path, {
            method,
            headers: { ...headers(baseURL()), "content-type": "application/json" },
            data: target.body,
            failOnStatusCode: false,
          });
          const body = bffErrorSchema.safeParse(await res.json().catch(() => null));
          if (res.status() === 403 && body.success && body.data.error.code === "CROSS_ORIGIN") refused++;
          else
            failures.push(
              `${who} ${method} ${target.path} [${name}] → ${res.status()} ${body.success ? body.data.error.code : "no envelope"}`,
            );
        }
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
    expect(refused).toBe(prepared.length * Object.keys(FOREIGN).length * 2);
    expect(await stateSnapshot(fx)).toEqual(before);
  } finally {
    for (const { target } of prepared) await target.cleanup?.(null);
  }
});

test("the same write with same-origin headers goes through (the refusals above are the guard, not the request)", async () => {
  const client = new BffClient(admin, baseURL());
  const key = `${fx.prefix}_XO`;
  const created = await client.send("POST", "/api/secrets", { key, group: "matrix", value: "same-origin" });
  expect(created.status()).toBe(201);
  const refused = await admin.fetch(`/api/secrets/${key}?group=matrix`, { method: "DELETE", headers: { origin: EVIL } });
  expect(refused.status()).toBe(403);
  expect((await client.data<Array<{ key: string }>>("GET", "/api/secrets")).some((s) => s.key === key)).toBe(true);
  const deleted = await client.send("DELETE", `/api/secrets/${key}?group=matrix`);
  expect(deleted.status()).toBe(200);
  // What the console's own browser fetch sends (Sec-Fetch-Site same-origin, no Origin on a DELETE in some engines) is accepted.
  const again = await client.send("POST", "/api/secrets", { key, group: "matrix", value: "same-origin" });
  expect(again.status()).toBe(201);
  const viaFetchSite = await admin.fetch(`/api/secrets/${key}?group=matrix`, {
    method: "DELETE",
    headers: { "sec-fetch-site": "same-origin", "x-audit-reason": "cross-origin%20spec" },
  });
  expect(viaFetchSite.status()).toBe(200);
});

test("a cross-site sign-out (Auth.js, its own CSRF token) leaves the session signed in", async () => {
  const res = await admin.fetch("/api/auth/signout", {
    method: "POST",
    headers: { origin: EVIL, "content-type": "application/x-www-form-urlencoded" },
    data: "callbackUrl=%2F",
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  expect(res.status()).toBeLessThan(500);
  const me = await admin.get("/api/me");
  expect(me.status()).toBe(200);
});

test("a client-sent X-Forwarded-Host matching a foreign Origin does not pass (TRUST_PROXY is off here)", async () => {
  // A browser cannot send X-Forwarded-Host, but a proxy that passes it through can: the check
  // must not take the console's origin from it unless TRUST_PROXY says a proxy overwrites it.
  const client = new BffClient(admin, baseURL());
  const key = `${fx.prefix}_XFH`;
  const forged: Array<Record<string, string>> = [
    { origin: "http://evil.example", "x-forwarded-host": "evil.example" },
    { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    { origin: "http://evil.example", "x-forwarded-host": "evil.example", "sec-fetch-site": "same-origin" },
  ];
  for (const headers of forged) {
    const res = await admin.fetch("/api/secrets", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      data: { key, group: "matrix", value: "forged" },
      failOnStatusCode: false,
    });
    expect(res.status(), JSON.stringify(headers)).toBe(403);
    expect(bffErrorSchema.parse(await res.json()).error.code).toBe("CROSS_ORIGIN");
  }
  expect((await client.data<Array<{ key: string }>>("GET", "/api/secrets")).some((s) => s.key === key)).toBe(false);
});
