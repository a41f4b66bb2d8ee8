import "server-only";
import { collectDefaultMetrics, Counter, Histogram, register } from "prom-client";
import { currentRequestLog } from "./log";

// The console's Prometheus metrics. prom-client's default registry is one per process because the
// package stays outside the bundles (serverExternalPackages), so the proxy, pages and route
// handlers all count into it. Metrics are per process by nature: Prometheus scrapes each one.

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

// Registered once per process even when this module is evaluated by several module layers.
const SLOT = Symbol.for("pegasus.console.metrics");
type Metrics = {
  bffRequests: Counter<"route" | "method" | "status">;
  bffDuration: Histogram<"route" | "method" | "status">;
  upstreamDuration: Histogram<"operation" | "outcome">;
  temporalReads: Counter<"operation" | "outcome">;
  signIns: Counter<"outcome">;
};

function metrics(): Metrics {
  const g = globalThis as typeof globalThis & { [SLOT]?: Metrics };
  if (g[SLOT]) return g[SLOT];
  collectDefaultMetrics({ prefix: "pegasus_console_" });
  g[SLOT] = {
    bffRequests: new Counter({
      name: "pegasus_console_bff_requests_total",
      help: "BFF requests by route template, method and status",
      labelNames: ["route", "method", "status"],
    }),
    bffDuration: new Histogram({
      name: "pegasus_console_bff_request_duration_seconds",
      help: "Time the BFF took to answer, by route template, method and status",
      labelNames: ["route", "method", "status"],
      buckets: SECONDS_BUCKETS,
    }),
    upstreamDuration: new Histogram({
      name: "pegasus_console_upstream_request_duration_seconds",
      help: "Pegasus API calls by operation (method and path template) and outcome (HTTP status or transport failure), retries included",
      labelNames: ["operation", "outcome"],
      buckets: SECONDS_BUCKETS,
    }),
    temporalReads: new Counter({
      name: "pegasus_console_temporal_reads_total",
      help: "Read-only Temporal calls by operation and outcome",
      labelNames: ["operation", "outcome"],
    }),
    signIns: new Counter({ name: "pegasus_console_sign_ins_total", help: "Completed sign-ins by outcome", labelNames: ["outcome"] }),
  };
  return g[SLOT];
}

/**
 * The route template of a BFF request: each dynamic segment's value replaced by `:name`, from the
 * params Next resolved (so ids never become label values).
 */
export function routeTemplate(pathname: string, params: Record<string, string | string[]>): string {
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) names.set(v, Array.isArray(value) ? `:${name}*` : `:${name}`);
  }
  return pathname
    .split("/")
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // keep the raw segment
      }
      return names.get(decoded) ?? names.get(segment) ?? segment;
    })
    .join("/");
}

/**
 * An upstream path as a bounded label: lowercase words (resource names, verbs) stay, anything else
 * (ids, keys, versions) becomes `:id`.
 */
export function upstreamOperation(method: string, path: string): string {
  const template = path
    .split("?")[0]!
    .split("/")
    .map((segment) => (segment === "" || /^[a-z][a-z-]*$/.test(segment) ? segment : ":id"))
    .join("/");
  return `${method} ${template}`;
}

/** Records one BFF request. */
export function observeBffRequest(sample: { route: string; method: string; status: number; seconds: number }): void {
  const labels = { route: sample.route, method: sample.method, status: String(sample.status) };
  const m = metrics();
  m.bffRequests.inc(labels);
  m.bffDuration.observe(labels, sample.seconds);
}

/** Records one upstream call (all its attempts), in the metrics and in the current request's log line. */
export function observeUpstream(sample: { method: string; path: string; outcome: string; seconds: number; requestId?: string }): void {
  const operation = upstreamOperation(sample.method, sample.path);
  metrics().upstreamDuration.observe({ operation, outcome: sample.outcome }, sample.seconds);
  // The upstream call's correlation id is the one an error envelope shows the user.
  currentRequestLog()?.upstream.push({
    operation,
    outcome: sample.outcome,
    ms: Math.round(sample.seconds * 1000),
    requestId: sample.requestId,
  });
}

/** Records one read-only Temporal call. */
export function observeTemporalRead(operation: string, outcome: "ok" | "error"): void {
  metrics().temporalReads.inc({ operation, outcome });
}

/** Records one sign-in. */
export function observeSignIn(outcome: "ok" | "error"): void {
  metrics().signIns.inc({ outcome });
}

/** The process's metrics in Prometheus text format. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  metrics();
  return { contentType: register.contentType, body: await register.metrics() };
}
