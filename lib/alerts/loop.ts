import "server-only";
import { processLoop } from "@/lib/server/process-loop";
import { storeDb } from "@/lib/store";
import { deliverDueAlerts } from "./deliver";
import { allowInternalWebhooks } from "./destination";

// One sender per console process: every tick claims due messages from the store (lib/store/alerts.ts)
// and makes one attempt each, so several processes share the work and a retry is made by whichever
// claims it first.
/** Pause between ticks: the first retry pause is 1 s. */
export const ALERT_TICK_MS = 1_000;

const sender = processLoop("alerts", ALERT_TICK_MS, async (owner) => {
  const { webhookWithSecret } = await import("./service");
  await deliverDueAlerts({ db: await storeDb(), owner, webhookFor: webhookWithSecret, allowInternal: allowInternalWebhooks() });
});

/** Starts this process's sender (idempotent). */
export const ensureAlertSender = sender.ensure;
/** Sends what is due now (after messages were queued) rather than at the next tick. */
export const kickAlertSender = sender.kick;
