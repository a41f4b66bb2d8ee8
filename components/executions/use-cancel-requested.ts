"use client";
import { useCallback, useSyncExternalStore } from "react";

// Cancellation is cooperative (contract §4.5), and the real reconciler only looks at RUNNING rows
// older than 5 minutes (§4.6): the row can stay RUNNING for minutes after the 202. The request and
// its time are remembered for the tab's session so a reload keeps saying so, with the right age.
const PREFIX = "pegasus.cancelRequested.";
const listeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

/** The stored value: the request time in ms, 0 when requested at an unknown time (older tabs stored "1"), null when never. */
function read(executionId: string): number | null {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + executionId);
    if (raw === null) return null;
    const at = Number(raw);
    return Number.isFinite(at) && at > 1 ? at : 0;
  } catch {
    return null;
  }
}

/**
 * When this tab asked to cancel the execution (ms since epoch; 0 = time unknown; null = not
 * asked), and a setter that records "now".
 */
export function useCancelRequested(executionId: string): [number | null, () => void] {
  const requestedAt = useSyncExternalStore(
    subscribe,
    () => read(executionId),
    () => null,
  );
  const mark = useCallback(() => {
    try {
      window.sessionStorage.setItem(PREFIX + executionId, String(Date.now()));
    } catch {
      // No storage (locked-down browser): the page then cannot remember the request.
    }
    for (const l of listeners) l();
  }, [executionId]);
  return [requestedAt, mark];
}
