import "server-only";
import { z } from "zod";
import { upstreamErrorSchema } from "@/lib/schemas/common";
import { BAD_GATEWAY_STATUS, PegasusError, TIMEOUT_STATUS, TRANSPORT_CODES } from "./errors";
import { inSpan, SpanKind, SpanStatusCode, traceContextHeaders } from "@/lib/observability/tracing";

/** Query values accepted by the transport; undefined entries are dropped. */
export type QueryValue = string | number | boolean | undefined;

export interface TransportOptions {
  /** Base URL including `/api/v1`, without a trailing slash. */
  baseUrl: string;
  /** Cognito/sandbox ID token sent as Bearer; omitted for public routes. */
  idToken?: string;
  timeoutMs: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Request id generator (defaults to crypto.randomUUID). */
  newRequestId?: () => string;
  /** Pause before the one retry of a read (default 100 ms plus jitter); the budget bounds it. */
  retryBackoffMs?: number;
  /** Told about every call once it is over (all attempts): for metrics. */
  observe?: (sample: { method: string; path: string; outcome: string; seconds: number; requestId: string }) => void;
}

export interface RequestSpec<S extends z.ZodType> {
  method?: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path below the base URL, starting with `/`; segments must already be encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Schema of the whole success body (envelope included). */
  schema: S;
  /** Budget of this call when it may legitimately take longer than the default (large histories). */
  timeoutMs?: number;
}

/** One configured connection to the Pegasus API. Resource modules take it as their first argument. */
export interface PegasusClient {
  request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.infer<S>>;
  /** For 204 routes: succeeds on any 2xx and returns nothing. */
  requestNoContent(spec: Omit<RequestSpec<z.ZodType>, "schema">): Promise<void>;
}

/** Encodes one dynamic path segment (ids come from users). */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}

function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): string {
  const url = new URL(baseUrl + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function isAbortLike(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}

/** Upstream statuses worth a second try for idempotent reads (the next attempt may hit a healthy instance). */
const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);
/** Methods that may be sent twice: reads only. Writes are never retried, whatever the failure. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD"]);
/** At most two attempts per read: enough for a blip, bounded so a dead upstream fails fast. */
const MAX_READ_ATTEMPTS = 2;
/** Share of the remaining budget a non-final read attempt may use, so a hung attempt leaves time for a retry. */
const FIRST_ATTEMPT_SHARE = 2 / 3;
/** The retry waits this long (plus jitter) and only when the budget still leaves the retry real time. */
const DEFAULT_RETRY_BACKOFF_MS = 100;
const MIN_RETRY_WINDOW_MS = 50;

/** The upstream's answer to one attempt: its status and whole body (read inside the timeout window). */
interface Answer {
  status: number;
  text: string;
}

/** Failure of one attempt: either an answer with a status, or a transport error already mapped. */
type Attempt = { response: Answer } | { error: PegasusError };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Creates the transport: Bearer token, x-correlation-id, timeout, retry of reads, zod parsing and
 * error mapping in one place. `timeoutMs` is the budget of the whole call, retries included.
 */
export function createPegasusClient(options: TransportOptions): PegasusClient {
  const doFetch = options.fetch ?? fetch;
  const newRequestId = options.newRequestId ?? (() => crypto.randomUUID());
  const backoffMs = options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS;

  async function attempt(spec: Omit<RequestSpec<z.ZodType>, "schema">, requestId: string, timeoutMs: number): Promise<Attempt> {
    // traceparent of the upstream span (empty when tracing is off), so the API's spans join the trace.
    const headers: Record<string, string> = { ...traceContextHeaders(), accept: "application/json", "x-correlation-id": requestId };
    if (options.idToken) headers.authorization = `Bearer ${options.idToken}`;
    if (spec.body !== undefined) headers["content-type"] = "application/json";
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(1, timeoutMs));
    try {
      const response = await doFetch(buildUrl(options.baseUrl, spec.path, spec.query), {
        method: spec.method ?? "GET",
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: controller.signal,
        cache: "no-store",
        redirect: "manual",
      });
      // Read the body inside the timeout window so a stalled body also times out. Kept as text (no
      // second Response object around it: that copy cost a stream read per call on the hot path).
      return { response: { status: response.status, text: await response.text() } };
    } catch (error) {
      if (controller.signal.aborted || isAbortLike(error)) {
        return {
          error: new PegasusError({
            status: TIMEOUT_STATUS,
            code: TRANSPORT_CODES.timeout,
            // A write that timed out may still be applied upstream (it is never re-sent): say so.
            message: IDEMPOTENT_METHODS.has(spec.method ?? "GET")
              ? `The Pegasus API did not answer within ${spec.timeoutMs ?? options.timeoutMs} ms`
              : `The Pegasus API did not answer within ${spec.timeoutMs ?? options.timeoutMs} ms; the change may still have been applied, so check before trying again`,
            requestId,
          }),
        };
      }
      return {
        error: new PegasusError({
          status: BAD_GATEWAY_STATUS,
          code: TRANSPORT_CODES.unreachable,
          message: "The Pegasus API could not be reached",
          requestId,
        }),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  function isRetryable(result: Attempt): boolean {
    if ("error" in result) return true; // timeout or connection failure
    return RETRYABLE_STATUSES.has(result.response.status);
  }

  /**
   * Sends the request within the overall budget. Reads (GET/HEAD) get one more attempt after a
   * connection failure, a timeout of the first attempt or a 500/502/503/504, with the same
   * correlation id; writes go out exactly once, because the upstream may have acted on them.
   */
  function send(spec: Omit<RequestSpec<z.ZodType>, "schema">, requestId: string): Promise<Answer> {
    const method = spec.method ?? "GET";
    // One client span per upstream call (all its attempts), a child of the BFF request's span.
    return inSpan(
      `Pegasus ${method}`,
      { kind: SpanKind.CLIENT, attributes: { "http.request.method": method, "url.path": spec.path, "pegasus.request_id": requestId } },
      async (span) => {
        const response = await sendAttempts(spec, requestId);
        span.setAttribute("http.response.status_code", response.status);
        if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        return response;
      },
    );
  }

  async function sendAttempts(spec: Omit<RequestSpec<z.ZodType>, "schema">, requestId: string): Promise<Answer> {
    const method = spec.method ?? "GET";
    const maxAttempts = IDEMPOTENT_METHODS.has(method) ? MAX_READ_ATTEMPTS : 1;
    const started = Date.now();
    const deadline = started + (spec.timeoutMs ?? options.timeoutMs);
    let result: Attempt | undefined;
    for (let n = 1; n <= maxAttempts; n++) {
      const remaining = deadline - Date.now();
      if (n > 1 && remaining < MIN_RETRY_WINDOW_MS) break;
      const isLast = n === maxAttempts;
      result = await attempt(spec, requestId, isLast ? remaining : Math.ceil(remaining * FIRST_ATTEMPT_SHARE));
      if (!isRetryable(result)) break;
      if (!isLast) {
        const left = deadline - Date.now();
        if (left < MIN_RETRY_WINDOW_MS) break;
        // The pause never takes more than a quarter of what is left, so the retry keeps real time.
        await sleep(Math.min(backoffMs + Math.floor(Math.random() * (backoffMs / 2 + 1)), Math.floor(left / 4)));
      }
    }
    if (!result) throw new Error("unreachable: no attempt was made");
    options.observe?.({
      method,
      path: spec.path,
      outcome: "error" in result ? result.error.code : String(result.response.status),
      seconds: (Date.now() - started) / 1000,
      requestId,
    });
    if ("error" in result) throw result.error;
    return result.response;
  }

  function failureFrom(response: Answer, requestId: string): PegasusError {
    const { text } = response;
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const body = upstreamErrorSchema.safeParse(parsed);
    if (!body.success) {
      return new PegasusError({
        status: response.status,
        code: response.status >= 500 ? "UPSTREAM_ERROR" : `HTTP_${response.status}`,
        message: `The Pegasus API answered ${response.status} without an error body`,
        requestId,
      });
    }
    const { error, code, ...extras } = body.data;
    return new PegasusError({
      status: response.status,
      code: code ?? (response.status >= 500 ? "UPSTREAM_ERROR" : `HTTP_${response.status}`),
      message: error,
      requestId,
      extras,
    });
  }

  return {
    async request(spec) {
      const requestId = newRequestId();
      const response = await send(spec, requestId);
      if (response.status < 200 || response.status > 299) throw failureFrom(response, requestId);
      const { text } = response;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new PegasusError({
          status: BAD_GATEWAY_STATUS,
          code: TRANSPORT_CODES.badJson,
          message: "The Pegasus API answered with a body that is not JSON",
          requestId,
        });
      }
      const result = spec.schema.safeParse(json);
      if (!result.success) {
        throw new PegasusError({
          status: BAD_GATEWAY_STATUS,
          code: TRANSPORT_CODES.badShape,
          message: `The Pegasus API answered with an unexpected shape (${describeIssues(result.error)})`,
          requestId,
        });
      }
      return result.data;
    },
    async requestNoContent(spec) {
      const requestId = newRequestId();
      const response = await send(spec, requestId);
      if (response.status < 200 || response.status > 299) throw failureFrom(response, requestId);
    },
  };
}
