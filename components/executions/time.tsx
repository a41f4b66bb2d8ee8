"use client";
import { useSyncExternalStore } from "react";

const FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

function subscribeNever(): () => void {
  return () => undefined;
}

/** False during the server render and hydration, true once the browser has taken over. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

/** "2026-12-02 09:24:38 UTC": the same text on any server and any browser. */
export function formatUtcSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/**
 * A timestamp: UTC on the server and during hydration (so both render the same text), then in
 * the viewer's locale and zone; the exact ISO instant is the tooltip.
 */
export function Time({ iso, fallback = "—" }: { iso: string | null | undefined; fallback?: string }) {
  const hydrated = useHydrated();
  if (!iso) return <span className="text-slate-500">{fallback}</span>;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return <span>{iso}</span>;
  return (
    <time dateTime={iso} title={iso}>
      {hydrated ? FORMAT.format(d) : formatUtcSeconds(d)}
    </time>
  );
}
