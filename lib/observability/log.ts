import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

export { logger, setLogger } from "./logger";

/** What one BFF request learns about its upstream calls while it runs. */
export interface RequestLogContext {
  requestId: string;
  upstream: Array<{ operation: string; outcome: string; ms: number; requestId?: string }>;
}

const requestContext = new AsyncLocalStorage<RequestLogContext>();

/** Runs `fn` with a log context that upstream calls made inside it report to. */
export function withRequestLog<T>(context: RequestLogContext, fn: () => Promise<T>): Promise<T> {
  return requestContext.run(context, fn);
}

/** The log context of the BFF request being handled, if any. */
export function currentRequestLog(): RequestLogContext | undefined {
  return requestContext.getStore();
}
