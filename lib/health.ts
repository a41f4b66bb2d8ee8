import "server-only";
import { serverEnv } from "@/lib/env";
import { checkHealth } from "@/lib/pegasus/health";
import type { HealthReport } from "@/lib/schemas/health";

/** The console's dependency report with the configured upstream and issuer. */
export async function getHealthReport(): Promise<HealthReport> {
  const env = serverEnv();
  return checkHealth({ apiBaseUrl: env.apiBaseUrl, oidcIssuer: env.oidcIssuer });
}
