const DAY_MS = 24 * 60 * 60 * 1000;

/** Days (UTC, YYYY-MM-DD) from `since` to today, each with its count (0 when absent), at most 30. */
export function trendDays(
  perDay: ReadonlyArray<{ day: string; count: number }>,
  since: string,
  now = Date.now(),
): Array<{ day: string; count: number }> {
  const counts = new Map(perDay.map((d) => [d.day, d.count]));
  const out: Array<{ day: string; count: number }> = [];
  const start = Math.max(Date.parse(since), now - 29 * DAY_MS);
  for (let t = Date.parse(new Date(start).toISOString().slice(0, 10)); t <= now; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ day, count: counts.get(day) ?? 0 });
  }
  return out;
}

/** A small per-day bar chart of a group's runs, with the numbers for screen readers. */
export function Trend({ perDay, since }: { perDay: ReadonlyArray<{ day: string; count: number }>; since: string }) {
  const days = trendDays(perDay, since);
  const max = Math.max(1, ...days.map((d) => d.count));
  const text = days.map((d) => `${d.day}: ${d.count}`).join(", ");
  return (
    <span role="img" aria-label={`Runs per day: ${text}`} title={text} className="flex h-6 items-end gap-px">
      {days.map((d) => (
        <span
          key={d.day}
          className={d.count > 0 ? "w-1.5 rounded-sm bg-red-500 dark:bg-red-400" : "w-1.5 rounded-sm bg-slate-200 dark:bg-slate-700"}
          style={{ height: `${Math.max(8, Math.round((d.count / max) * 100))}%` }}
        />
      ))}
    </span>
  );
}
