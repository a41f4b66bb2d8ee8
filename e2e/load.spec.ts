import { expect, test } from "@playwright/test";
import { CookieJar, httpSignIn, jarFetch } from "./support/http-session";
import { ROLES } from "./support/roles";

/**
 * Load (issue 8): many distinct signed-in sessions read through the BFF at once for a bounded
 * time on loopback. Every answer must be a 200 with the `{data}` envelope; latency percentiles are
 * reported (annotations and stdout), not asserted, because the machine is shared.
 */

const SESSIONS = Number(process.env.E2E_LOAD_SESSIONS ?? "50");
const SECONDS = Number(process.env.E2E_LOAD_SECONDS ?? "20");
const SIGN_IN_CONCURRENCY = 8;
// Roles that may read workflows and executions; each sign-in is its own session and refresh token.
const USERS = [ROLES.viewer.email, ROLES.developer.email, ROLES.admin.email];

interface Sample {
  route: string;
  ms: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => `${Math.round(n)} ms`;
  return `n=${sorted.length} p50=${f(percentile(sorted, 50))} p95=${f(percentile(sorted, 95))} p99=${f(percentile(sorted, 99))} max=${f(sorted.at(-1) ?? Number.NaN)}`;
}

test("50 signed-in sessions read through the BFF for 20 s with zero errors", async () => {
  test.setTimeout(60_000 + SECONDS * 1000);
  const base = process.env.E2E_BASE_URL ?? "";

  const signInStarted = performance.now();
  const jars: CookieJar[] = [];
  for (let i = 0; i < SESSIONS; i += SIGN_IN_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(SIGN_IN_CONCURRENCY, SESSIONS - i) }, (_, k) =>
      httpSignIn(base, USERS[(i + k) % USERS.length] ?? ROLES.viewer.email),
    );
    jars.push(...(await Promise.all(batch)));
  }
  const signInMs = performance.now() - signInStarted;
  expect(new Set(jars.map((j) => j.get("pegasus.session"))).size, "every sign-in is a distinct session").toBe(SESSIONS);

  const first = await jarFetch(jars[0] ?? new CookieJar(), `${base}/api/workflows`);
  const workflows = ((await first.json()) as { data: Array<{ id: string; status: string }> }).data;
  const active = workflows.find((w) => w.status === "ACTIVE");
  expect(active, "the seeded tenant has an active workflow").toBeTruthy();
  const routes = [
    "/api/workflows",
    "/api/me",
    `/api/workflows/${active?.id ?? ""}`,
    "/api/executions?limit=20",
    "/api/workflows?includeRetired=true",
  ];

  const samples: Sample[] = [];
  const errors: string[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  const worker = async (jar: CookieJar, index: number) => {
    for (let n = index; performance.now() < deadline; n++) {
      const route = routes[n % routes.length] ?? "/api/me";
      const started = performance.now();
      try {
        const response = await jarFetch(jar, `${base}${route}`, { headers: { accept: "application/json" } });
        const body = (await response.json()) as { data?: unknown };
        const ms = performance.now() - started;
        if (response.status !== 200 || body.data === undefined)
          errors.push(`${route} → ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
        else samples.push({ route, ms });
      } catch (error) {
        errors.push(`${route} → ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  const loadStarted = performance.now();
  await Promise.all(jars.map((jar, i) => worker(jar, i)));
  const elapsed = (performance.now() - loadStarted) / 1000;

  const lines = [
    `${SESSIONS} sessions signed in over HTTP in ${Math.round(signInMs)} ms`,
    `${samples.length + errors.length} requests in ${elapsed.toFixed(1)} s (${(samples.length / elapsed).toFixed(1)} req/s), ${errors.length} errors`,
    `all: ${summary(samples.map((s) => s.ms))}`,
    ...routes.map((r) => `${r.replace(/[0-9a-f-]{36}/, ":id")}: ${summary(samples.filter((s) => s.route === r).map((s) => s.ms))}`),
  ];
  for (const line of lines) test.info().annotations.push({ type: "load", description: line });
  console.log(`[load]\n  ${lines.join("\n  ")}`);

  expect(errors.slice(0, 10), `${errors.length} failed requests`).toEqual([]);
  expect(samples.length).toBeGreaterThanOrEqual(SESSIONS);
});
