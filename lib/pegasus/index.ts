import "server-only";
import { getUpstreamIdToken } from "@/lib/auth/server";
import { serverEnv } from "@/lib/env";
import { createPegasusClient, type PegasusClient } from "./transport";

export { PegasusError, isPegasusError } from "./errors";
export type { PegasusClient } from "./transport";

/** A client that acts as the signed-in user, or null without a usable session. */
export async function getUserPegasusClient(): Promise<PegasusClient | null> {
  const idToken = await getUpstreamIdToken();
  if (!idToken) return null;
  const env = serverEnv();
  return createPegasusClient({ baseUrl: env.apiBaseUrl, idToken, timeoutMs: env.upstreamTimeoutMs });
}
