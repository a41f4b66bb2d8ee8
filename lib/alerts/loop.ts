import "server-only";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { logger } from "@/lib/observability/logger";
import { storeDb } from "@/lib/store";
import { deliverDueAlerts } from "./deliver";

// One sender per console process: every tick claims due messages from the store (lib/store/alerts.ts)
// and makes one attempt each, so several processes share the work and a retry is made by whichever
// claims it first. Nothing that matters is kept here.
const SLOT = Symbol.for("pegasus.console.alertSender");
/** Pause between ticks: the first retry pause is 1 s. */
export const ALERT_TICK_MS = 1_000;

interface SenderState {
  owner: string;
  timer: NodeJS.Timeout | null;
  busy: boolean;
  again: boolean;
}
type Holder = typeof globalThis & { [SLOT]?: SenderState };

function state(): SenderState {
  const holder = globalThis as Holder;
  holder[SLOT] ??= { owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, timer: null, busy: false, again: false };
  return holder[SLOT];
}

async function tick(s: SenderState): Promise<void> {
  if (s.busy) {
    s.again = true;
    return;
  }
  s.busy = true;
  try {
    do {
      s.again = false;
      const { webhookWithSecret } = await import("./service");
      await deliverDueAlerts({ db: await storeDb(), owner: s.owner, webhookFor: webhookWithSecret });
    } while (s.again);
  } catch (error) {
    logger().error({ error: error instanceof Error ? error.message : String(error) }, "[alerts] sender tick failed");
  } finally {
    s.busy = false;
  }
}

/** Starts this process's sender (idempotent). */
export function ensureAlertSender(): void {
  const s = state();
  if (s.timer) return;
  s.timer = setInterval(() => void tick(s), ALERT_TICK_MS);
  s.timer.unref();
}

/** Sends what is due now (after messages were queued) rather than at the next tick. */
export function kickAlertSender(): void {
  ensureAlertSender();
  void tick(state());
}
