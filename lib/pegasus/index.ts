import "server-only";
import { getUpstreamIdToken } from "@/lib/auth/server";
import { serverEnv } from "@/lib/env";
import { observeUpstream } from "@/lib/observability/metrics";
import { createPegasusClient, type PegasusClient } from "./transport";
import { upstreamFetch } from "./upstream-fetch";

export { PegasusError, isPegasusError } from "./errors";
export type { PegasusClient } from "./transport";

/** A client that acts as the signed-in user, or null without a usable session. */
export async function getUserPegasusClient(): Promise<PegasusClient | null> {
  const idToken = await getUpstreamIdToken();
  return idToken ? pegasusClientFor(idToken) : null;
}

/** A client that sends the given ID token upstream. */
export function pegasusClientFor(idToken: string): PegasusClient {
  const env = serverEnv();
  return createPegasusClient({
    baseUrl: env.apiBaseUrl,
    idToken,
    timeoutMs: env.upstreamTimeoutMs,
    observe: observeUpstream,
    fetch: upstreamFetch,
  });
}
