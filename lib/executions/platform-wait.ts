import type { Execution } from "@/lib/schemas/execution";
import { formatDuration } from "./format";

/** A run QUEUED longer than this is waiting for a runner, not just being started (contract §4.6). */
export const QUEUED_NOTICE_AFTER_MS = 5_000;

/** What the execution page says while the platform, not the run, is what is slow. */
export type PlatformWait = { kind: "cancel"; title: string; detail: string } | { kind: "runner"; title: string; detail: string } | null;

/**
 * The honest wait notice for an open run (contract §4.6): a cancel that Temporal has but the
 * platform has not recorded yet (the reconciler lags by minutes), or a run QUEUED while a cold
 * runner starts (30–60 s). `cancelRequestedAt`: ms since epoch, 0 when the time is unknown,
 * null when this tab did not ask. `now` null (server render) gives no ages.
 */
export function platformWait(
  e: Pick<Execution, "status" | "queuedAt">,
  cancelRequestedAt: number | null,
  now: number | null,
): PlatformWait {
  if (e.status !== "RUNNING" && e.status !== "QUEUED") return null;
  if (cancelRequestedAt !== null) {
    const age = cancelRequestedAt > 0 && now !== null ? ` ${formatDuration(Math.max(0, now - cancelRequestedAt))} ago` : "";
    return {
      kind: "cancel",
      title: `Cancel requested${age}, waiting for the platform.`,
      detail:
        "Temporal has the cancellation. The platform records the run as Canceled when its reconciler next looks at it, which can take a few minutes; this page updates by itself.",
    };
  }
  if (e.status === "QUEUED" && now !== null) {
    const queuedFor = now - Date.parse(e.queuedAt);
    if (Number.isFinite(queuedFor) && queuedFor >= QUEUED_NOTICE_AFTER_MS) {
      return {
        kind: "runner",
        title: "Waiting for a runner (can take about a minute).",
        detail: `Queued for ${formatDuration(queuedFor)}. When no run has used it for 10 minutes the tenant runner stops, and starting it again takes 30–60 s; nothing is wrong.`,
      };
    }
  }
  return null;
}
