import "server-only";
import { randomUUID } from "node:crypto";
import { authSettings } from "@/lib/auth/settings";
import { originSettings } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import {
  alertWebhookOf,
  deleteAlertWebhook,
  listAlertDeliveries,
  putAlertWebhook,
  recordAlertTest,
  storeDb,
  type AlertDeliveryRow,
} from "@/lib/store";
import { detectAlerts, postSigned, type DetectableGroup } from "./deliver";
import { allowInternalWebhooks } from "./destination";
import { kickAlertSender } from "./loop";
import { testMessage } from "./message";
import type { AlertDeliveryView, PutWebhookResult, WebhookTestResult, WebhookView } from "./schemas";
import { sealSecret, unsealSecret } from "./seal";
import { newSigningSecret } from "./signature";

/**
 * The origin for links in messages: AUTH_URL's. Without it the link is a path only: the scanning
 * request's Host header is whatever its sender wrote, and must not pick where a team's alert points.
 */
export function consoleOrigin(): string {
  return originSettings().publicOrigin ?? "";
}

function workflowNameOf(row: AlertDeliveryRow): string | null {
  try {
    const body = JSON.parse(row.body) as { group?: { workflowName?: string | null } | null };
    return body.group?.workflowName ?? null;
  } catch {
    return null;
  }
}

function deliveryView(row: AlertDeliveryRow): AlertDeliveryView {
  const open = row.status === "pending" || row.status === "sending";
  return {
    id: row.id,
    type: row.kind,
    workflowName: workflowNameOf(row),
    status: row.status as AlertDeliveryView["status"],
    attempts: row.attempts,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    nextAttemptAt: open ? new Date(row.next_attempt_at).toISOString() : null,
  };
}

/** The tenant's webhook (URL, never the secret) and its latest deliveries. */
export async function webhookView(tenantId: string): Promise<WebhookView> {
  const db = await storeDb();
  const [w, deliveries] = await Promise.all([alertWebhookOf(db, tenantId), listAlertDeliveries(db, tenantId, 10)]);
  return {
    webhook: w
      ? {
          url: w.url,
          createdAt: new Date(w.created_at).toISOString(),
          updatedAt: new Date(w.updated_at).toISOString(),
          updatedBy: w.updated_by_name ?? w.updated_by_sub,
        }
      : null,
    deliveries: deliveries.map(deliveryView),
  };
}

/** Sets the URL; a new webhook (or `rotateSecret`) gets a new signing secret, returned this once. */
export async function setWebhook(
  tenantId: string,
  input: { url: string; rotateSecret?: boolean },
  by: { sub: string; name: string | null },
): Promise<PutWebhookResult> {
  const db = await storeDb();
  const existing = await alertWebhookOf(db, tenantId);
  const secret = !existing || input.rotateSecret ? newSigningSecret() : null;
  await putAlertWebhook(db, tenantId, {
    url: input.url,
    secretSealed: secret ? sealSecret(secret, authSettings().secret) : null,
    bySub: by.sub,
    byName: by.name,
  });
  return { ...(await webhookView(tenantId)), signingSecret: secret };
}

/** Removes the webhook; false when there was none. */
export async function removeWebhook(tenantId: string): Promise<boolean> {
  return deleteAlertWebhook(await storeDb(), tenantId);
}

/** The URL and clear secret the sender signs with (null: no webhook, or sealed under another AUTH_SECRET). */
export async function webhookWithSecret(tenantId: string): Promise<{ url: string; secret: string } | null> {
  const w = await alertWebhookOf(await storeDb(), tenantId);
  if (!w) return null;
  const secret = unsealSecret(w.secret_sealed, authSettings().secret);
  if (!secret) {
    logger().warn({ tenantId }, "[alerts] the webhook's signing secret cannot be unsealed (AUTH_SECRET changed?): set it again");
    return null;
  }
  return { url: w.url, secret };
}

/** Sends one signed test message now and records it; what the receiver answered (or why nothing was sent). */
export async function sendTestMessage(tenantId: string): Promise<WebhookTestResult | null> {
  const w = await webhookWithSecret(tenantId);
  if (!w) return null;
  const id = randomUUID();
  const body = JSON.stringify(testMessage({ id, tenant: tenantId, sentAt: new Date() }));
  const r = await postSigned(w.url, w.secret, body, { allowInternal: allowInternalWebhooks() });
  const delivered = r.status !== null && r.status >= 200 && r.status < 300;
  await recordAlertTest(await storeDb(), {
    id,
    tenantId,
    fingerprint: "",
    kind: "test",
    occurrence: id,
    body,
    delivered,
    lastStatus: r.status,
    lastError: r.error ?? (delivered ? null : `HTTP ${r.status}`),
  });
  return { delivered, status: r.status, error: r.error, ms: r.ms, refused: r.refused };
}

/**
 * Queues alerts for the groups a request just computed (GET /api/failures) and sends them. Never
 * fails the request: a store error is logged.
 */
export async function detectFromScan(tenantId: string, groups: readonly DetectableGroup[], origin: string): Promise<void> {
  try {
    const queued = await detectAlerts(await storeDb(), { tenantId, groups, origin });
    if (queued > 0) kickAlertSender();
  } catch (error) {
    logger().error({ error: error instanceof Error ? error.message : String(error) }, "[alerts] detection failed");
  }
}
