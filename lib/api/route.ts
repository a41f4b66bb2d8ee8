import "server-only";
import { z } from "zod";
import type { PegasusClient } from "@/lib/pegasus/transport";
import type { PublicSession } from "@/lib/auth/token";
import { AUDIT_REASON_HEADER, readReasonHeader, REASON_REQUIRED_ACTIONS, type AuditAction } from "@/lib/audit/actions";
import { PegasusError } from "@/lib/pegasus/errors";
import { BffRequestError, errorResponse, validationError } from "./errors";
import { isSameOriginRequest } from "./origin";
import { isValidatedAs } from "./validated";
import { logger, withRequestLog, type RequestLogContext } from "@/lib/observability/log";
import { observeBffRequest, routeTemplate } from "@/lib/observability/metrics";
import { currentTraceId, inSpan, SpanKind, SpanStatusCode } from "@/lib/observability/tracing";
import { formatBytes, jsonTextExceedsDepth, MAX_REQUEST_BODY_BYTES, tooDeepMessage } from "@/lib/schemas/limits";

type AnySchema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteSpec<
  P extends AnySchema | undefined,
  Q extends AnySchema | undefined,
  B extends AnySchema | undefined,
  O extends AnySchema,
> {
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of the payload returned under `data`. */
  output: O;
  /** Success status (201 for creates). */
  status?: number;
  /** Records every call in the audit trail (see RouteAudit). */
  audit?: RouteAudit<Infer<P>, Infer<Q>, Infer<B>>;
}

/**
 * Audit hook of a mutating route: the action and how to name its target from the parsed input.
 * Each call after sign-in is recorded with actor, reason (the `x-audit-reason` header) and outcome;
 * actions in REASON_REQUIRED_ACTIONS are refused (400) without a reason. Never put a secret or
 * config value in the target.
 */
export interface RouteAudit<P, Q, B> {
  action: AuditAction;
  /** A more precise action once the input parsed (a dry run rather than a run). */
  actionFor?: (input: { params: P; query: Q; body: B }) => AuditAction;
  target: (input: { params: P; query: Q; body: B }) => string;
}

/** Who made a request, as the audit trail records them (from the ID token). */
export interface AuditActor {
  sub: string;
  name: string | null;
  email: string | null;
}

/** One audit record as the wrapper hands it to the sink. */
export interface AuditRecord {
  tenantId: string;
  actor: AuditActor;
  action: AuditAction;
  target: string;
  reason: string | null;
  outcome: { status: number; code: string | null };
  requestId: string;
}

/** Writes audit records (the store in production; a list in tests). */
export type AuditSink = (record: AuditRecord) => Promise<void>;

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  session: PublicSession;
  pegasus: PegasusClient;
  request: Request;
  requestId: string;
  /** The caller as the audit trail names them (sub empty when the session has none). */
  actor: AuditActor;
}

type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function tooLarge(): BffRequestError {
  return new BffRequestError(
    413,
    "PAYLOAD_TOO_LARGE",
    `The request body is larger than ${formatBytes(MAX_REQUEST_BODY_BYTES)} (the limit is ${MAX_REQUEST_BODY_BYTES} bytes)`,
  );
}

function declaresTooLargeBody(request: Request): boolean {
  const declared = Number(request.headers.get("content-length") ?? "");
  return Number.isFinite(declared) && declared > MAX_REQUEST_BODY_BYTES;
}

/**
 * Reads the body as text, at most MAX_REQUEST_BODY_BYTES: a declared Content-Length above it is
 * refused unread, and a stream that grows past it is cancelled at that point (413 either way).
 */
async function readBodyText(request: Request): Promise<string> {
  if (declaresTooLargeBody(request)) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_REQUEST_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** The body as JSON: size limit (413), then nesting limit on the raw text (400), then the parse (400). */
async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request);
  if (!text) return undefined;
  // Checked on the text, before JSON.parse and before anything recursive (zod, JSON.stringify
  // towards the upstream) could overflow the stack on a hostile depth.
  if (jsonTextExceedsDepth(text)) throw new BffRequestError(400, "VALIDATION_ERROR", `Invalid body: ${tooDeepMessage("the body")}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new BffRequestError(400, "VALIDATION_ERROR", "Invalid body: not valid JSON");
  }
}

function parseWith<S extends AnySchema | undefined>(schema: S | undefined, value: unknown, where: "params" | "query" | "body"): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data as Infer<S>;
}

/** Resolves the caller: their public session and a Pegasus client acting as them, or null. */
export type CallerResolver = () => Promise<{ session: PublicSession; pegasus: PegasusClient; sub?: string } | null>;

/**
 * Builds the BFF route wrapper around a caller resolver (injected in tests).
 * The wrapper: same-origin check on mutations → session (401 without) → zod parse of
 * params, query and body (400) → call → `{data}` parsed with the output schema; every failure
 * leaves as the one error envelope.
 */
export function makeBffRoute(resolveCaller: CallerResolver, auditSink?: AuditSink) {
  return function bffRoute<
    P extends AnySchema | undefined,
    Q extends AnySchema | undefined,
    B extends AnySchema | undefined,
    O extends AnySchema,
  >(spec: RouteSpec<P, Q, B, O>, handler: (ctx: RouteContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<z.input<O>>) {
    return wrap(resolveCaller, spec, handler, auditSink);
  };
}

/**
 * Wraps a BFF route handler: same-origin check on mutations → session (401 without) → zod parse of
 * params, query and body (400) → call → `{data}` parsed with the output schema; every failure
 * leaves as the one error envelope.
 */
function wrap<P extends AnySchema | undefined, Q extends AnySchema | undefined, B extends AnySchema | undefined, O extends AnySchema>(
  resolveCaller: CallerResolver,
  spec: RouteSpec<P, Q, B, O>,
  handler: (ctx: RouteContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<z.input<O>>,
  auditSink: AuditSink | undefined,
) {
  return (request: Request, context: NextRouteContext): Promise<Response> =>
    // One span per BFF request (a child of Next's server span); upstream, Temporal and store calls
    // made while it runs become its children.
    inSpan("bff request", { kind: SpanKind.INTERNAL, attributes: { "http.request.method": request.method } }, async (span) => {
      const started = performance.now();
      const log: RequestLogContext = { requestId: crypto.randomUUID(), upstream: [] };
      const response = await withRequestLog(log, () => respond(request, context, log.requestId));
      const params = context?.params ? await context.params.catch(() => ({})) : {};
      const route = routeTemplate(new URL(request.url).pathname, params);
      const seconds = (performance.now() - started) / 1000;
      span.updateName(`BFF ${request.method} ${route}`);
      span.setAttributes({ "http.route": route, "http.response.status_code": response.status, "pegasus.request_id": log.requestId });
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      observeBffRequest({ route, method: request.method, status: response.status, seconds });
      const last = log.upstream.at(-1);
      logger().info(
        {
          requestId: log.requestId,
          traceId: currentTraceId(),
          route,
          method: request.method,
          status: response.status,
          ms: Math.round(seconds * 1000),
          upstreamStatus: last?.outcome,
          upstream: log.upstream,
        },
        "bff request",
      );
      return response;
    });

  async function respond(request: Request, context: NextRouteContext, requestId: string): Promise<Response> {
    let audit: Omit<AuditRecord, "outcome" | "requestId"> | null = null;
    let response: Response;
    let failure: unknown = null;
    try {
      if (MUTATING.has(request.method) && !isSameOriginRequest(request.headers, request.url)) {
        throw new BffRequestError(403, "CROSS_ORIGIN", "Cross-origin requests are not allowed");
      }
      // Refused unread on every route, with or without a body schema.
      if (declaresTooLargeBody(request)) throw tooLarge();
      const caller = await resolveCaller();
      if (!caller) throw new BffRequestError(401, "UNAUTHENTICATED", "Sign in to continue");
      const { session, pegasus } = caller;
      const actor: AuditActor = { sub: caller.sub ?? "", name: session.user.name, email: session.user.email };
      // Until the input parses, the audit target is the path the caller asked for.
      if (spec.audit)
        audit = { tenantId: session.user.tenantId, actor, action: spec.audit.action, target: new URL(request.url).pathname, reason: null };
      const params = parseWith<P>(spec.params, context?.params ? await context.params : {}, "params");
      const query = parseWith<Q>(spec.query, Object.fromEntries(new URL(request.url).searchParams), "query");
      const body = spec.body ? parseWith<B>(spec.body, await readJson(request), "body") : (undefined as Infer<B>);
      if (spec.audit && audit) {
        audit.target = spec.audit.target({ params, query, body });
        audit.action = spec.audit.actionFor?.({ params, query, body }) ?? spec.audit.action;
        const reason = readReasonHeader(request.headers.get(AUDIT_REASON_HEADER));
        if (!reason.ok) throw new BffRequestError(400, "VALIDATION_ERROR", reason.message);
        audit.reason = reason.reason;
        if (!reason.reason && REASON_REQUIRED_ACTIONS.has(audit.action)) {
          throw new BffRequestError(400, "REASON_REQUIRED", "Say why: this action needs a reason (recorded in the activity log)");
        }
      }
      const result = await handler({ params, query, body, session, pegasus, request, requestId, actor });
      // Upstream objects the transport already parsed with this very schema are not parsed twice.
      const data: unknown = isValidatedAs(spec.output, result) ? result : spec.output.parse(result);
      response = Response.json({ data }, { status: spec.status ?? 200, headers: { "cache-control": "no-store" } });
    } catch (error) {
      failure = error;
      response = errorResponse(error, requestId);
    }
    if (audit && auditSink) await writeAudit(auditSink, audit, response.status, failure, requestId);
    return response;
  }
}

function outcomeCode(failure: unknown): string | null {
  if (failure === null) return null;
  if (failure instanceof PegasusError || failure instanceof BffRequestError) return failure.code;
  return "INTERNAL_ERROR";
}

// The response is already decided: a failing audit write is reported on the server, not to the user.
async function writeAudit(
  sink: AuditSink,
  audit: Omit<AuditRecord, "outcome" | "requestId">,
  status: number,
  failure: unknown,
  requestId: string,
): Promise<void> {
  const shownRequestId = failure instanceof PegasusError && failure.requestId ? failure.requestId : requestId;
  try {
    await sink({ ...audit, outcome: { status, code: outcomeCode(failure) }, requestId: shownRequestId });
  } catch (error) {
    logger().error(
      { requestId, action: audit.action, error: error instanceof Error ? error.message : String(error) },
      "audit record could not be written",
    );
  }
}
