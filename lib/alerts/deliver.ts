// Detection and delivery of failure alerts, over the store only (no process memory), so any
// number of console processes can run them at once: a message is queued by whichever process
// inserts its unique row first, and each attempt is made by the process whose conditional UPDATE
// claimed it. Delivery is at least once: a process that stops after the receiver answered but
// before recording it leaves the claim to expire and the message is sent again with the same id.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { fetch as undiciFetch } from "undici";
import {
  alertWebhookOf,
  claimDueAlertDelivery,
  enqueueAlertDelivery,
  finishAlertAttempt,
  recordSeenFailureGroups,
} from "@/lib/store/alerts";
import type { Database } from "@/lib/store/schema";
import { attemptOutcome, backoffDelayMs, MAX_ATTEMPTS } from "./backoff";
import { internalDestinationRefusal, webhookAgent } from "./guarded-agent";
import { alertMessage, type AlertGroupFacts } from "./message";
import { SIGNATURE_HEADER, signBody } from "./signature";

/** How long one attempt may take before the receiver is treated as not answering. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** How long a claim holds: longer than an attempt, so only a stopped process loses it. */
export const CLAIM_MS = 30_000;

/** A group as the detector sees it, with its acknowledgement (if any). */
export interface DetectableGroup extends AlertGroupFacts {
  ack: { lastSeenAt: string } | null;
}

/**
 * Queues a message for each group that is new since the webhook was set (no earlier scan had seen
 * it, and its first failure is at or after the webhook) and for each acknowledged group with an occurrence after its acknowledgement. Returns how
 * many this call queued (0 when another process queued them first, or without a webhook).
 */
export async function detectAlerts(
  db: Kysely<Database>,
  args: { tenantId: string; groups: readonly DetectableGroup[]; origin: string; now?: Date },
): Promise<number> {
  // Every scan records its groups, with or without a webhook: "new" means no scan had seen it before.
  const firstSeenHere = await recordSeenFailureGroups(
    db,
    args.tenantId,
    args.groups.map((g) => g.fingerprint),
  );
  const webhook = await alertWebhookOf(db, args.tenantId);
  if (!webhook) return 0;
  const since = new Date(webhook.created_at).getTime();
  const now = args.now ?? new Date();
  let queued = 0;
  // one read of what is already queued, so a repeated scan costs one query, not one per group
  const fingerprints = args.groups.map((g) => g.fingerprint);
  const known = new Set(
    fingerprints.length === 0
      ? []
      : (
          await db
            .selectFrom("alert_deliveries")
            .select(["fingerprint", "kind", "occurrence"])
            .where("tenant_id", "=", args.tenantId)
            .where("fingerprint", "in", fingerprints)
            .execute()
        ).map((r) => `${r.fingerprint}|${r.kind}|${r.occurrence}`),
  );
  for (const g of args.groups) {
    const candidates: Array<{ type: "failure_group.new" | "failure_group.reopened"; occurrence: string }> = [];
    if (firstSeenHere.has(g.fingerprint) && Date.parse(g.firstSeen) >= since)
      candidates.push({ type: "failure_group.new", occurrence: "" });
    if (g.ack && Date.parse(g.lastSeen) > Date.parse(g.ack.lastSeenAt) && Date.parse(g.lastSeen) >= since) {
      candidates.push({ type: "failure_group.reopened", occurrence: new Date(g.ack.lastSeenAt).toISOString() });
    }
    for (const c of candidates) {
      if (known.has(`${g.fingerprint}|${c.type}|${c.occurrence}`)) continue;
      const id = randomUUID();
      const body = JSON.stringify(alertMessage({ id, type: c.type, tenant: args.tenantId, sentAt: now, group: g, origin: args.origin }));
      if (
        await enqueueAlertDelivery(db, {
          id,
          tenantId: args.tenantId,
          fingerprint: g.fingerprint,
          kind: c.type,
          occurrence: c.occurrence,
          body,
        })
      )
        queued++;
    }
  }
  return queued;
}

/** What one POST got: the receiver's status, or null with the network error (or the refusal). */
export interface AttemptResult {
  status: number | null;
  error: string | null;
  ms: number;
  /** True when nothing was sent because the destination is internal: final, never retried. */
  refused: boolean;
}

/**
 * POSTs `body` signed with `secret` to `url`, once, without following redirects. Unless
 * `allowInternal`, only to public addresses: an internal one (checked on the resolved address
 * connected to) is refused before anything is sent.
 */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  opts: { allowInternal: boolean; timeoutMs?: number; now?: () => number },
): Promise<AttemptResult> {
  const started = performance.now();
  const t = Math.floor((opts.now?.() ?? Date.now()) / 1000);
  const timeoutMs = opts.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  const dispatcher = webhookAgent(opts.allowInternal, timeoutMs);
  const ms = () => Math.round(performance.now() - started);
  try {
    const res = await undiciFetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "pegasus-console-alerts/1",
        [SIGNATURE_HEADER]: signBody(secret, body, t),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      dispatcher,
    });
    await res.body?.cancel().catch(() => undefined);
    return { status: res.status, error: null, ms: ms(), refused: false };
  } catch (error) {
    const refusal = internalDestinationRefusal(error);
    if (refusal) return { status: null, error: refusal.slice(0, 200), ms: ms(), refused: true };
    const e = error as Error & { cause?: { code?: string } };
    const reason = e.name === "TimeoutError" ? `no answer within ${Math.round(timeoutMs / 1000)} s` : (e.cause?.code ?? e.message);
    return { status: null, error: reason.slice(0, 200), ms: ms(), refused: false };
  } finally {
    await dispatcher.destroy().catch(() => undefined);
  }
}

export interface DeliverDeps {
  db: Kysely<Database>;
  /** This process's id (claims are per owner). */
  owner: string;
  /** The tenant's webhook URL and clear signing secret, or null when it has none (or it cannot be unsealed). */
  webhookFor(tenantId: string): Promise<{ url: string; secret: string } | null>;
  /** Whether webhooks may reach internal addresses (ALERT_WEBHOOK_ALLOW_INTERNAL). */
  allowInternal: boolean;
  post?: typeof postSigned;
}

/** Sends every message that is due now (one attempt each); returns how many attempts were made. */
export async function deliverDueAlerts(deps: DeliverDeps, max = 50): Promise<number> {
  const post = deps.post ?? postSigned;
  let made = 0;
  for (let i = 0; i < max; i++) {
    const row = await claimDueAlertDelivery(deps.db, deps.owner, CLAIM_MS);
    if (!row) break;
    if (row.attempts > MAX_ATTEMPTS) {
      await finishAlertAttempt(deps.db, row.id, deps.owner, {
        status: "failed",
        lastStatus: row.last_status,
        lastError: row.last_error ?? "gave up",
      });
      continue;
    }
    const webhook = await deps.webhookFor(row.tenant_id);
    if (!webhook) {
      await finishAlertAttempt(deps.db, row.id, deps.owner, { status: "failed", lastStatus: null, lastError: "no webhook is set" });
      continue;
    }
    const r = await post(webhook.url, webhook.secret, row.body, { allowInternal: deps.allowInternal });
    made++;
    if (r.refused) {
      await finishAlertAttempt(deps.db, row.id, deps.owner, { status: "failed", lastStatus: null, lastError: r.error });
      continue;
    }
    const outcome = attemptOutcome(r.status);
    const lastError = r.error ?? (outcome === "delivered" ? null : `HTTP ${r.status}`);
    if (outcome === "retry" && row.attempts < MAX_ATTEMPTS) {
      await finishAlertAttempt(deps.db, row.id, deps.owner, {
        status: "pending",
        lastStatus: r.status,
        lastError,
        nextAttemptAt: new Date(Date.now() + backoffDelayMs(row.attempts)),
      });
    } else {
      await finishAlertAttempt(deps.db, row.id, deps.owner, {
        status: outcome === "delivered" ? "delivered" : "failed",
        lastStatus: r.status,
        lastError,
      });
    }
  }
  return made;
}
