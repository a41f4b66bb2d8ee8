"use client";

const FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** A timestamp in the viewer's locale and zone, with the exact ISO instant as a tooltip. */
export function Time({ iso, fallback = "—" }: { iso: string | null | undefined; fallback?: string }) {
  if (!iso) return <span className="text-slate-500">{fallback}</span>;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return <span>{iso}</span>;
  // The server renders in its own zone; the browser may differ, so the text may change on hydration.
  return (
    <time dateTime={iso} title={iso} suppressHydrationWarning>
      {FORMAT.format(d)}
    </time>
  );
}
