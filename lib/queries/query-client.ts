import { isServer, QueryClient, defaultShouldDehydrateQuery } from "@tanstack/react-query";
import { BffClientError } from "./fetcher";

const MAX_RETRIES = 2;

/** Retry policy: never on a 4xx (the answer will not change), a couple of times on 5xx/network. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof BffClientError && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

/** The one QueryClient factory (server: one per request; browser: one per tab). */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
      dehydrate: {
        // Stream pending server prefetches too, so the client does not refetch them.
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
    },
  });
}

let browserClient: QueryClient | undefined;
/** Returns the browser singleton, or a fresh client on the server. */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
