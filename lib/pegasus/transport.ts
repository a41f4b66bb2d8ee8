import "server-only";
import { z } from "zod";
import { upstreamErrorSchema } from "@/lib/schemas/common";
import { BAD_GATEWAY_STATUS, PegasusError, TIMEOUT_STATUS, TRANSPORT_CODES } from "./errors";

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
}

export interface RequestSpec<S extends z.ZodType> {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path below the base URL, starting with `/`; segments must already be encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Schema of the whole success body (envelope included). */
  schema: S;
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

/** Creates the transport: Bearer token, x-correlation-id, timeout, zod parsing and error mapping in one place. */
export function createPegasusClient(options: TransportOptions): PegasusClient {
  const doFetch = options.fetch ?? fetch;
  const newRequestId = options.newRequestId ?? (() => crypto.randomUUID());

  async function send(spec: Omit<RequestSpec<z.ZodType>, "schema">, requestId: string): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json", "x-correlation-id": requestId };
    if (options.idToken) headers.authorization = `Bearer ${options.idToken}`;
    if (spec.body !== undefined) headers["content-type"] = "application/json";
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const response = await doFetch(buildUrl(options.baseUrl, spec.path, spec.query), {
        method: spec.method ?? "GET",
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: controller.signal,
        cache: "no-store",
        redirect: "manual",
      });
      // Read the body inside the timeout window so a stalled body also times out.
      const text = await response.text();
      return new Response(text.length > 0 ? text : null, { status: response.status, headers: response.headers });
    } catch (error) {
      if (controller.signal.aborted || isAbortLike(error)) {
        throw new PegasusError({
          status: TIMEOUT_STATUS,
          code: TRANSPORT_CODES.timeout,
          message: `The Pegasus API did not answer within ${options.timeoutMs} ms`,
          requestId,
        });
      }
      throw new PegasusError({
        status: BAD_GATEWAY_STATUS,
        code: TRANSPORT_CODES.unreachable,
        message: "The Pegasus API could not be reached",
        requestId,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async function failureFrom(response: Response, requestId: string): Promise<PegasusError> {
    const text = await response.text();
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
      if (response.status < 200 || response.status > 299) throw await failureFrom(response, requestId);
      const text = await response.text();
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
      if (response.status < 200 || response.status > 299) throw await failureFrom(response, requestId);
    },
  };
}
