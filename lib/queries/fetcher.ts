import { z } from "zod";
import { bffErrorSchema } from "@/lib/schemas/common";

/** A failed BFF call as the browser sees it: the envelope's code/message/requestId plus the HTTP status. */
export class BffClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    readonly extras: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "BffClientError";
  }
}

/** GET/POST a BFF route and parse `{data}` with the schema; failures become BffClientError. */
export async function bffFetch<S extends z.ZodType>(path: string, schema: S, init: RequestInit = {}): Promise<z.infer<S>> {
  const headers = new Headers(init.headers);
  headers.set("accept", "application/json");
  if (init.body !== undefined) headers.set("content-type", "application/json");
  const res = await fetch(path, { ...init, headers, credentials: "same-origin" });
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const parsed = bffErrorSchema.safeParse(json);
    if (parsed.success) {
      const { code, message, requestId, ...extras } = parsed.data.error;
      throw new BffClientError(res.status, code, message, requestId, extras);
    }
    throw new BffClientError(res.status, "UNEXPECTED_RESPONSE", `The console answered ${res.status}`, null);
  }
  const body = z.object({ data: schema }).safeParse(json);
  if (!body.success) throw new BffClientError(res.status, "UNEXPECTED_RESPONSE", "The console answered with an unexpected shape", null);
  return (body.data as { data: z.infer<S> }).data;
}
