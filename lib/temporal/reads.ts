import "server-only";
import { temporal } from "@temporalio/proto";
import { BffRequestError } from "@/lib/api/errors";
import type { PublicSession } from "@/lib/auth/token";
import { getExecution } from "@/lib/pegasus/executions";
import { getMyPermissions } from "@/lib/pegasus/permissions";
import type { PegasusClient } from "@/lib/pegasus/transport";
import type { Execution } from "@/lib/schemas/execution";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { getTemporalReader, type TemporalReader } from "./client";
import { belongsToTenant } from "./config";
import { toCanonicalJson } from "./proto-json";
import { observeTemporalRead } from "@/lib/observability/metrics";
import { inSpan, SpanKind } from "@/lib/observability/tracing";

/**
 * A client span per Temporal gRPC call (a child of the BFF request's span), counted in the metrics by
 * operation and outcome. `expected` names errors that are a normal answer (a follow read that found
 * nothing new before its deadline), counted as "ok".
 */
async function temporalSpan<T>(operation: string, fn: () => Promise<T>, expected?: (error: unknown) => boolean): Promise<T> {
  try {
    const result = await inSpan(
      `Temporal ${operation}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { "rpc.system": "grpc", "rpc.service": "temporal.api.workflowservice.v1.WorkflowService", "rpc.method": operation },
      },
      fn,
    );
    observeTemporalRead(operation, "ok");
    return result;
  } catch (error) {
    observeTemporalRead(operation, expected?.(error) ? "ok" : "error");
    throw error;
  }
}

/** The run a Temporal read may touch: ids from the execution row only, never from the browser. */
export interface AuthorizedRun {
  execution: Execution;
  /** Null while the execution has not started on Temporal. */
  run: { workflowId: string; runId: string | undefined } | null;
  /** The reader may see payload values (`workflow:run`). */
  showValues: boolean;
}

/**
 * Authorization stays with the Pegasus API: the execution row is read as the signed-in user (its
 * 401/403/404 pass through), its Temporal ids are used only when the workflow id carries the
 * session's tenant prefix (`wf/<tenantId>/`); anything else reads as 404, like a foreign row.
 */
export async function authorizeRun(
  pegasus: PegasusClient,
  session: PublicSession,
  workflowId: string,
  executionId: string,
  opts: { requireValues?: boolean } = {},
): Promise<AuthorizedRun> {
  const [row, me] = await Promise.allSettled([getExecution(pegasus, workflowId, executionId), getMyPermissions(pegasus)]);
  if (me.status === "rejected") throw me.reason;
  const showValues = me.value.permissions.includes(PERMISSIONS.runWorkflow);
  // a route that hands out values refuses before it says whether the execution exists
  if (opts.requireValues && !showValues)
    throw new BffRequestError(403, "FORBIDDEN", "This needs permission to run workflows: it carries every step's input and result");
  if (row.status === "rejected") throw row.reason;
  const execution = row.value;
  if (execution.tenantId !== session.user.tenantId) throw new BffRequestError(404, "NOT_FOUND", "Execution not found");
  if (!execution.temporalWorkflowId) return { execution, run: null, showValues };
  if (!belongsToTenant(execution.temporalWorkflowId, session.user.tenantId))
    throw new BffRequestError(404, "NOT_FOUND", "Execution not found");
  return { execution, run: { workflowId: execution.temporalWorkflowId, runId: execution.temporalRunId ?? undefined }, showValues };
}

/** The reader, or a 503 naming what is missing (callers that can degrade check `reason` first). */
export async function requireReader(): Promise<TemporalReader> {
  const reader = await getTemporalReader();
  if ("reason" in reader) throw new BffRequestError(503, "TEMPORAL_NOT_CONFIGURED", reader.reason);
  return reader;
}

function grpcCode(error: unknown): number | null {
  return typeof error === "object" && error !== null && "code" in error && typeof (error as { code: unknown }).code === "number"
    ? (error as { code: number }).code
    : null;
}

/** Maps a Temporal failure to the envelope: NOT_FOUND (gone past retention) → 404, the rest → 502. */
function temporalError(error: unknown): BffRequestError {
  if (grpcCode(error) === 5) return new BffRequestError(404, "NOT_FOUND", "This run's history is no longer kept by Temporal");
  // gRPC messages name the server, never a secret; the API key travels in metadata only
  const message = error instanceof Error ? error.message.slice(0, 300) : "unknown error";
  return new BffRequestError(502, "TEMPORAL_UNAVAILABLE", `Temporal did not answer the read: ${message}`);
}

/** Page tokens leave the server bound to the run they page, so a token cannot be replayed elsewhere. */
export function encodePageToken(runKey: string, token: Uint8Array): string {
  return Buffer.from(JSON.stringify({ r: runKey, t: Buffer.from(token).toString("base64") }), "utf8").toString("base64url");
}

/** Reads a page token back; a token of another run (or garbage) is a 400. */
export function decodePageToken(runKey: string, value: string): Uint8Array {
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as { r?: unknown; t?: unknown };
    if (parsed.r === runKey && typeof parsed.t === "string") return new Uint8Array(Buffer.from(parsed.t, "base64"));
  } catch {
    // falls through to the 400
  }
  throw new BffRequestError(400, "VALIDATION_ERROR", "Invalid query: pageToken does not belong to this execution");
}

export function runKeyOf(run: { workflowId: string; runId: string | undefined }): string {
  return `${run.workflowId}#${run.runId ?? ""}`;
}

/** The raw events of one stretch of history (proto JSON form) and the token of the next stretch. */
export interface RawPage {
  events: Record<string, unknown>[];
  nextPageToken: Uint8Array | null;
  /** Follow mode only: the read reached the run's current last event (the token waits for new ones). */
  tail: boolean;
}

/**
 * Deadline of one follow-mode call. With a deadline this short Temporal answers a read at the end
 * of an open run at once (no new events, a fresh token) instead of long-polling; should a call
 * still run out of time, the page ends there and the token of that call is handed back.
 */
export const FOLLOW_CALL_DEADLINE_MS = 1_000;

const DEADLINE_EXCEEDED = 4;

/**
 * Reads at least `minEvents` events (or to the end) from `token` on, Temporal page after page
 * (each gRPC message stays within the receive limit; the history as a whole has no size limit).
 *
 * `follow` (open runs): reads with `waitNewEvent`, so the last token of an open run is not null but
 * points after its last event; the next read with it returns only the events added since. The read
 * stops at the first empty answer (`tail`). When the run has closed, the token ends up null.
 */
export async function readRawHistory(
  reader: TemporalReader,
  run: { workflowId: string; runId: string | undefined },
  token: Uint8Array | null,
  minEvents: number,
  opts: { follow?: boolean } = {},
): Promise<RawPage> {
  const events: Record<string, unknown>[] = [];
  let next: Uint8Array | null = token;
  let tail = false;
  try {
    do {
      const request = {
        namespace: reader.namespace,
        execution: { workflowId: run.workflowId, runId: run.runId },
        nextPageToken: next ?? undefined,
        maximumPageSize: Math.min(1000, Math.max(1, minEvents - events.length)),
        waitNewEvent: opts.follow === true,
      };
      let res: Awaited<ReturnType<TemporalReader["service"]["getWorkflowExecutionHistory"]>>;
      try {
        res = await temporalSpan(
          "GetWorkflowExecutionHistory",
          () =>
            opts.follow
              ? reader.withDeadline(Date.now() + FOLLOW_CALL_DEADLINE_MS, () => reader.service.getWorkflowExecutionHistory(request))
              : reader.service.getWorkflowExecutionHistory(request),
          (error) => opts.follow === true && next !== null && grpcCode(error) === DEADLINE_EXCEEDED,
        );
      } catch (error) {
        // out of time at the end of an open run: nothing new yet, the same token reads on later
        if (opts.follow && next && grpcCode(error) === DEADLINE_EXCEEDED) {
          tail = true;
          break;
        }
        throw error;
      }
      // (@temporalio/common's historyToJSON fails here: it loads a second protobufjs copy)
      const page = toCanonicalJson(historyType, res.history ?? { events: [] }, "") as { events?: Record<string, unknown>[] };
      const got = page.events ?? [];
      for (const e of got) events.push(e);
      next = res.nextPageToken && res.nextPageToken.length > 0 ? res.nextPageToken : null;
      if (opts.follow && got.length === 0) tail = next !== null;
    } while (next && !tail && events.length < minEvents);
  } catch (error) {
    throw temporalError(error);
  }
  return { events, nextPageToken: next, tail };
}

/** The whole history, in Temporal's JSON form (what `temporal workflow show -o json` writes). */
export async function readFullHistoryJson(reader: TemporalReader, run: { workflowId: string; runId: string | undefined }): Promise<string> {
  const events: Record<string, unknown>[] = [];
  let token: Uint8Array | null = null;
  do {
    const page = await readRawHistory(reader, run, token, 1000);
    for (const e of page.events) events.push(e);
    token = page.nextPageToken;
  } while (token);
  return JSON.stringify({ events }, null, 2);
}

/** One event by id (pages are read until it is found; 404 when the history has no such event). */
export async function readRawEvent(
  reader: TemporalReader,
  run: { workflowId: string; runId: string | undefined },
  eventId: number,
): Promise<Record<string, unknown>> {
  let token: Uint8Array | null = null;
  do {
    const page = await readRawHistory(reader, run, token, 1000);
    const hit = page.events.find((e) => String(e.eventId) === String(eventId));
    if (hit) return hit;
    const last = page.events[page.events.length - 1];
    if (last && Number(last.eventId) > eventId) break;
    token = page.nextPageToken;
  } while (token);
  throw new BffRequestError(404, "NOT_FOUND", `This run has no event ${eventId}`);
}

const describeType = temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
const historyType = temporal.api.history.v1.History;

/** Temporal's describe call in JSON form (longs, enums and bytes as strings). */
export async function describeRun(reader: TemporalReader, run: { workflowId: string; runId: string | undefined }): Promise<unknown> {
  try {
    const res = await temporalSpan("DescribeWorkflowExecution", () =>
      reader.service.describeWorkflowExecution({
        namespace: reader.namespace,
        execution: { workflowId: run.workflowId, runId: run.runId },
      }),
    );
    // reflection-backed proto types: toObject is there at run time, its typing is not usable here
    const toObject = describeType.toObject as unknown as (message: unknown, options: Record<string, unknown>) => unknown;
    return toObject(res, { longs: String, enums: String, bytes: String, defaults: false });
  } catch (error) {
    throw temporalError(error);
  }
}
