"use client";
import { useSyncExternalStore } from "react";

// One shared one-second clock for every ticking duration on the page. It reads null during the
// server render and hydration (the server's "now" is not the browser's), then the browser's time.
let current = 0;
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  if (!timer) {
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      for (const l of listeners) l();
    }, 1_000);
  }
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function snapshot(): number {
  if (current === 0) current = Date.now();
  return current;
}

/**
 * The browser's current time in ms, updated every second while `live`; null on the server and
 * during hydration, so server and browser render the same markup. When not live it still reads
 * the time once after mount.
 */
export function useNow(live = true): number | null {
  return useSyncExternalStore(live ? subscribe : subscribeNever, snapshot, () => null);
}

function subscribeNever(): () => void {
  return () => undefined;
}

/** "12 s ago" / "in 4 s" relative to `now`. */
export function relative(iso: string | null, now: number): string {
  if (!iso) return "—";
  const ms = Date.parse(iso) - now;
  if (Number.isNaN(ms)) return "—";
  const abs = Math.abs(ms);
  const text =
    abs < 1000
      ? "0 s"
      : abs < 60_000
        ? `${Math.floor(abs / 1000)} s`
        : abs < 3_600_000
          ? `${Math.floor(abs / 60_000)} min ${Math.floor((abs % 60_000) / 1000)} s`
          : `${Math.floor(abs / 3_600_000)} h ${Math.floor((abs % 3_600_000) / 60_000)} min`;
  return ms <= 0 ? `${text} ago` : `in ${text}`;
}
