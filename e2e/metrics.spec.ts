import { expect, test } from "@playwright/test";
import { bff, requireRealRuns, workflowId, type Exec } from "./support/executions";
import { storageStatePath } from "./support/roles";

// Prometheus metrics on their own port (METRICS_PORT, set by the global setup): after a short
// journey the scrape holds the BFF routes it used, by template, with counts and latency histograms,
// and the upstream calls behind them. The console's own port does not serve them.

test.use({ storageState: storageStatePath("developer") });

const metricsUrl = () => {
  const url = process.env.E2E_METRICS_URL;
  if (!url) throw new Error("E2E_METRICS_URL is not set: the global setup starts the console with METRICS_PORT");
  return url;
};

/** The value of one sample line, or null when the scrape has no such line. */
function sample(text: string, name: string, labels: Record<string, string>): number | null {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return null;
}

test("a journey's BFF routes show up by template with counts and histograms", async ({ page, request }) => {
  const before = await (await request.get(metricsUrl())).text();
  const countBefore =
    sample(before, "pegasus_console_bff_requests_total", { route: "/api/workflows/:id", method: "GET", status: "200" }) ?? 0;

  await page.goto("/workflows");
  const list = ((await (await page.request.get("/api/workflows")).json()) as { data: Array<{ id: string }> }).data;
  const id = list[0]?.id;
  if (!id) throw new Error("the demo tenant has no workflow");
  expect((await page.request.get(`/api/workflows/${id}`)).status()).toBe(200);
  expect((await page.request.get(`/api/workflows/${id}`)).status()).toBe(200);
  expect((await page.request.get("/api/workflows/not-a-uuid")).status()).toBeGreaterThanOrEqual(400);

  const scrape = await request.get(metricsUrl());
  expect(scrape.status()).toBe(200);
  expect(scrape.headers()["content-type"]).toContain("text/plain");
  const text = await scrape.text();
  expect(sample(text, "pegasus_console_bff_requests_total", { route: "/api/workflows/:id", method: "GET", status: "200" })).toBe(
    countBefore + 2,
  );
  expect(
    sample(text, "pegasus_console_bff_requests_total", { route: "/api/workflows", method: "GET", status: "200" }),
  ).toBeGreaterThanOrEqual(1);
  expect(
    sample(text, "pegasus_console_bff_request_duration_seconds_bucket", {
      le: "+Inf",
      route: "/api/workflows/:id",
      method: "GET",
      status: "200",
    }),
  ).toBe(countBefore + 2);
  expect(text).toMatch(/pegasus_console_upstream_request_duration_seconds_count\{operation="GET \/workflows\/:id",outcome="200"\} \d+/);
  expect(text).toContain("pegasus_console_process_resident_memory_bytes");
  // No id ever becomes a label value.
  expect(text).not.toContain(id);

  const onConsolePort = await page.request.get("/metrics", { maxRedirects: 0 });
  expect(await onConsolePort.text()).not.toContain("pegasus_console_bff_requests_total");
});

test("sign-ins and Temporal reads are counted", async ({ page, request }) => {
  requireRealRuns();
  // The global setup signed every demo role in through this console.
  const before = await (await request.get(metricsUrl())).text();
  expect(sample(before, "pegasus_console_sign_ins_total", { outcome: "ok" })).toBeGreaterThanOrEqual(1);
  const readsBefore =
    sample(before, "pegasus_console_temporal_reads_total", { operation: "GetWorkflowExecutionHistory", outcome: "ok" }) ?? 0;

  await page.goto("/workflows");
  const id = await workflowId(page, "delivery-eta-notice");
  const runs = await bff<{ items: Exec[] }>(page, `/api/executions?workflow=${id}&status=COMPLETED&limit=1`);
  const done = runs.data.items[0];
  if (!done) throw new Error("the seed left no completed delivery-eta-notice run");
  const history = await bff<{ available: boolean }>(page, `/api/workflows/${id}/executions/${done.id}/temporal/history`);
  expect(history.status).toBe(200);
  expect(history.data.available).toBe(true);

  const after = await (await request.get(metricsUrl())).text();
  expect(
    sample(after, "pegasus_console_temporal_reads_total", { operation: "GetWorkflowExecutionHistory", outcome: "ok" }),
  ).toBeGreaterThan(readsBefore);
});
