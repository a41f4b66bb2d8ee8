"use client";
import { useCallback, useSyncExternalStore } from "react";

// Cancellation is cooperative (contract §4.5): the row stays RUNNING until the reconciler sees
// Temporal's answer. The request is remembered for the tab's session so a reload keeps saying so.
const PREFIX = "pegasus.cancelRequested.";
const listeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

/** Whether this tab asked to cancel the execution, and a setter. */
export function useCancelRequested(executionId: string): [boolean, () => void] {
  const requested = useSyncExternalStore(
    subscribe,
    () => {
      try {
        return window.sessionStorage.getItem(PREFIX + executionId) === "1";
      } catch {
        return false;
      }
    },
    () => false,
  );
  const mark = useCallback(() => {
    try {
      window.sessionStorage.setItem(PREFIX + executionId, "1");
    } catch {
      // No storage (locked-down browser): the page then cannot remember the request.
    }
    for (const l of listeners) l();
  }, [executionId]);
  return [requested, mark];
}
