// No "server-only" marker: the store (which proxy.ts reaches) records spans through this too.
import { context, isSpanContextValid, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";

// Spans through the OpenTelemetry API. Without a registered tracer provider (the default: tracing
// is on only when OTEL_EXPORTER_OTLP_ENDPOINT is set, see instrumentation.ts and otel.ts) every
// call here is the API's no-op: no span is recorded and no traceparent is sent. Span attributes
// carry routes, operations and statuses, never a token, cookie, secret or config value.

const TRACER = "pegasus-console";

function tracer() {
  return trace.getTracer(TRACER);
}

/** Runs `fn` inside a new active span (child of the current one); ends it and records a throw. */
export async function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "error" });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Starts a span under the current context without making it active (for callbacks that end it later). */
export function startSpan(name: string, attributes?: Attributes): Span {
  return tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes }, context.active());
}

/** The trace context headers (`traceparent`, `tracestate`) of the current span, for an outgoing call. */
export function traceContextHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The trace id of the current span when one is being recorded, for log lines. */
export function currentTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

export { SpanKind, SpanStatusCode };
