// Runs once when a console server process starts (Next's instrumentation hook).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Traces are exported only when an OTLP endpoint is configured (lib/observability/otel.ts); without
  // one, the spans the console opens are the OpenTelemetry API's no-ops.
  if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    const { startTracing } = await import("./lib/observability/otel");
    startTracing();
  }
  // Open and migrate the console's store before the first request, so the first sign-in does not
  // wait for the embedded database to start. A failure is logged and the store is opened again on
  // first use.
  const { getStore } = await import("@/lib/store/instance");
  await getStore().catch(() => undefined);
  // Bulk jobs left unfinished by a stopped console process are picked up here once their lease ends.
  await import("@/lib/jobs/loop")
    .then((m) => m.ensureJobRunner())
    .catch((error: unknown) => console.error("[jobs] runner not started:", error instanceof Error ? error.message : String(error)));
  // Failure alerts queued (or left mid-retry) by any console process are sent from here.
  await import("@/lib/alerts/loop")
    .then((m) => m.ensureAlertSender())
    .catch((error: unknown) => console.error("[alerts] sender not started:", error instanceof Error ? error.message : String(error)));
  // Expired session revocations are deleted now and then (the table would otherwise only grow).
  await import("@/lib/server/housekeeping")
    .then((m) => m.ensureHousekeeping())
    .catch((error: unknown) => console.error("[housekeeping] not started:", error instanceof Error ? error.message : String(error)));
  const port = Number(process.env.METRICS_PORT ?? "");
  // Metrics are off unless a port is configured (`npm start` on the sandbox sets one).
  if (!Number.isInteger(port) || port <= 0) return;
  const { startMetricsServer } = await import("./lib/observability/metrics-server");
  startMetricsServer(port, process.env.METRICS_HOST ?? "127.0.0.1");
}
