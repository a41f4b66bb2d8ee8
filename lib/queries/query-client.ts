import { defaultShouldDehydrateQuery, isServer, MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { BffClientError } from "./fetcher";

const MAX_RETRIES = 2;

/** Retry policy: never on a 4xx (the answer will not change), a couple of times on 5xx/network. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof BffClientError && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

/** True for the BFF's "your session is gone" answer. */
export function isSessionLost(error: unknown): boolean {
  return error instanceof BffClientError && error.status === 401;
}

// A 401 from the BFF means the session ended (signed out elsewhere, refresh refused): go to
// sign-in and come back to the same page, instead of showing an error on every widget.
function onBffError(error: unknown): void {
  if (isServer || !isSessionLost(error)) return;
  const back = `${window.location.pathname}${window.location.search}`;
  // UNAUTHENTICATED is the console's own "no session"; any other 401 code is the Pegasus API
  // refusing a token the console still holds, so the sign-in page must not send the user back.
  const refused = error instanceof BffClientError && error.code !== "UNAUTHENTICATED";
  // A full page load on purpose: proxy.ts and the sign-in page run server-side.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(back)}${refused ? "&reason=expired" : ""}`);
}

/** The one QueryClient factory (server: one per request; browser: one per tab). */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: onBffError }),
    mutationCache: new MutationCache({ onError: onBffError }),
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
