import { NodeTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-node";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";

// OpenTelemetry tracing, registered once per process by instrumentation.ts when
// OTEL_EXPORTER_OTLP_ENDPOINT is set: spans go in batches over OTLP/HTTP (JSON) to
// `${OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces` (the exporter reads the standard OTEL_EXPORTER_OTLP_*
// variables itself: headers, timeout, a traces-only endpoint). Registering the provider also installs
// the AsyncLocalStorage context manager and the W3C trace-context propagator, so the console continues
// a caller's `traceparent` and sends its own to the Pegasus API. Next.js adds its own server spans.

/** Registers the tracer provider; returns a function that flushes and stops it. */
export function startTracing(env: NodeJS.ProcessEnv = process.env): () => Promise<void> {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": env.OTEL_SERVICE_NAME || "pegasus-console" }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: Number(env.OTEL_BSP_SCHEDULE_DELAY) || 1000 }),
    ],
  });
  provider.register();
  return () => provider.shutdown();
}
