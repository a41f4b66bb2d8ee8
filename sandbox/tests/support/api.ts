/** Tiny HTTP client for contract tests: real fetch against the sandbox started by global-setup. */
import { inject } from "vitest";

export interface ApiBody<T> {
  data: T;
  meta?: Record<string, unknown>;
  error?: string;
  code?: string;
  [extra: string]: unknown;
}

export interface ApiResult<T> {
  status: number;
  headers: Headers;
  body: ApiBody<T>;
  text: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is (e.g. invalid JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Call `<apiUrl><path>` and parse the JSON body (empty body → `{}`). */
export async function call<T = Record<string, unknown>>(method: string, path: string, opts: CallOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(`${inject("apiUrl")}${path}`, { method, headers, body });
  const text = await res.text();
  const parsed = (text ? JSON.parse(text) : {}) as ApiBody<T>;
  return { status: res.status, headers: res.headers, body: parsed, text };
}
