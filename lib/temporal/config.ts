// Optional Temporal read access of the console (issue #15). Pure: reads an env object, so the
// rules are unit-tested. Without TEMPORAL_ADDRESS the console works on the Pegasus API's
// flattened history alone and says what needs Temporal access.

/** How the console connects to Temporal (read-only use). */
export interface TemporalConfig {
  address: string;
  namespace: string;
  /** mTLS with client certificate files, TLS with system roots (API key), or plain (loopback dev server). */
  tls: { kind: "mtls"; certPath: string; keyPath: string } | { kind: "system" } | null;
  /** Temporal Cloud API key (never logged, never sent to the browser). */
  apiKey: string | null;
}

export type TemporalConfigResult = { ok: true; config: TemporalConfig } | { ok: false; reason: string };

/** The one line the page shows when Temporal access is not configured. */
export const TEMPORAL_NOT_CONFIGURED =
  "Temporal access is not configured (TEMPORAL_ADDRESS): showing the Pegasus API's summary history; full event details, live step state and the replayable export need it.";

/** Reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TLS_CERT/TEMPORAL_TLS_KEY and TEMPORAL_API_KEY. */
export function readTemporalConfig(env: Record<string, string | undefined>): TemporalConfigResult {
  const address = env.TEMPORAL_ADDRESS?.trim();
  if (!address) return { ok: false, reason: TEMPORAL_NOT_CONFIGURED };
  if (!/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(address)) return { ok: false, reason: `TEMPORAL_ADDRESS must be host:port (got "${address}")` };
  const namespace = env.TEMPORAL_NAMESPACE?.trim() || "default";
  const cert = env.TEMPORAL_TLS_CERT?.trim();
  const key = env.TEMPORAL_TLS_KEY?.trim();
  const apiKey = env.TEMPORAL_API_KEY?.trim() || null;
  if (Boolean(cert) !== Boolean(key)) return { ok: false, reason: "TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together" };
  if (cert && key) return { ok: true, config: { address, namespace, tls: { kind: "mtls", certPath: cert, keyPath: key }, apiKey } };
  // an API key is only ever sent over TLS (Temporal Cloud)
  if (apiKey) return { ok: true, config: { address, namespace, tls: { kind: "system" }, apiKey } };
  return { ok: true, config: { address, namespace, tls: null, apiKey: null } };
}

/** The Temporal workflow id prefix of one tenant's runs (`wf/<tenantId>/…`). */
export function tenantWorkflowPrefix(tenantId: string): string {
  return `wf/${tenantId}/`;
}

/** True when a Temporal workflow id belongs to the tenant (an empty tenant id never matches). */
export function belongsToTenant(temporalWorkflowId: string, tenantId: string): boolean {
  return tenantId.length > 0 && !tenantId.includes("/") && temporalWorkflowId.startsWith(tenantWorkflowPrefix(tenantId));
}
