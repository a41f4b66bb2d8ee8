import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError, type ZodType } from "zod";
import type { AppEnv } from "./context";

/** A contract error: becomes `{error, code, ...extras}` with the given status. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extras: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** 404 NOT_FOUND with the given message (e.g. "Workflow not found"). */
export function notFound(message = "Not found"): ApiError {
  return new ApiError(404, "NOT_FOUND", message);
}

/** 400 VALIDATION_ERROR with a plain message. */
export function validationError(message: string): ApiError {
  return new ApiError(400, "VALIDATION_ERROR", message);
}

/** The error envelope body. */
export function errorBody(err: ApiError): Record<string, unknown> {
  return { error: err.message, code: err.code, ...err.extras };
}

/** Reply `{data, meta?}` with a status (200 unless told). */
export function ok<T>(c: Context<AppEnv>, data: T, opts: { meta?: Record<string, unknown>; status?: ContentfulStatusCode } = {}) {
  const body: { data: T; meta?: Record<string, unknown> } = { data };
  if (opts.meta) body.meta = opts.meta;
  return c.json(body, opts.status ?? 200);
}

/** Convert a ZodError into the contract's 400 VALIDATION_ERROR (error = the Zod message). */
export function zodToApiError(err: ZodError): ApiError {
  return new ApiError(400, "VALIDATION_ERROR", err.message);
}

/** Parse with zod, throwing 400 VALIDATION_ERROR on failure. */
export function parseWith<T>(schema: ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw zodToApiError(r.error);
  return r.data;
}

/** Read a JSON body (empty body = `emptyAs`), then validate it. Bad JSON is a 400. */
export async function parseJsonBody<T>(c: Context<AppEnv>, schema: ZodType<T>, emptyAs: unknown = undefined): Promise<T> {
  const text = await c.req.text();
  let raw: unknown = emptyAs;
  if (text.trim() !== "") {
    try {
      raw = JSON.parse(text);
    } catch {
      throw validationError("Request body must be valid JSON");
    }
  }
  return parseWith(schema, raw);
}

/** Validate the query string (single values) with zod. */
export function parseQuery<T>(c: Context<AppEnv>, schema: ZodType<T>): T {
  return parseWith(schema, c.req.query());
}
