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

/**
 * Deepest nesting of objects and arrays a JSON body may use, the body itself counting as level 1.
 * Well below what the Python runner decodes (it fails near 1,000 levels, and Temporal then retries
 * the workflow task forever) and what recursive code here (zod, JSON.stringify, the gate) survives.
 * It covers run inputs, event payloads, trigger filters and integration mappings alike. The
 * console keeps its own copy of the number (lib/schemas/limits.ts); the two share only HTTP.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when JSON text nests objects/arrays deeper than `limit`. A scan of the raw text (brackets in
 * strings skipped), so it runs before JSON.parse and cannot overflow whatever the depth.
 */
export function jsonTextNestsDeeperThan(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > limit) return true;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return false;
}

/** True when a parsed value nests deeper than `limit` levels (iterative walk, the value is level 1). */
export function valueNestsDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== "object") continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** 400 VALIDATION_ERROR naming the nesting limit. */
export function tooDeepError(what = "Request body"): ApiError {
  return validationError(`${what} nests deeper than ${MAX_JSON_DEPTH} levels`);
}

/**
 * Read a JSON body (empty body = `emptyAs`), then validate it. Bad JSON is a 400, and so is a body
 * nested past MAX_JSON_DEPTH (checked on the text first: V8's JSON.parse may cope with 20,000 levels
 * or throw RangeError, and what comes after it would not cope either way).
 */
export async function parseJsonBody<T>(c: Context<AppEnv>, schema: ZodType<T>, emptyAs: unknown = undefined): Promise<T> {
  const text = await c.req.text();
  let raw: unknown = emptyAs;
  if (text.trim() !== "") {
    if (jsonTextNestsDeeperThan(text)) throw tooDeepError();
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
