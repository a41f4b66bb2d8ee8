"use client";
import type { StuckFinding } from "@/lib/temporal/stuck";
import { relative } from "./use-now";

/** Names what keeps the run from progressing, since when, and what to do. */
export function StuckBanner({ findings, now }: { findings: readonly StuckFinding[]; now: number }) {
  if (findings.length === 0) return null;
  return (
    <section
      role="alert"
      aria-label="This run is stuck"
      data-testid="stuck-banner"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100"
    >
      <p className="font-semibold">Stuck: this run needs attention</p>
      <ul className="mt-1 space-y-2">
        {findings.map((f) => (
          <li key={f.kind + f.title}>
            <p>
              <strong>{f.title}</strong>
              {f.since ? <span> — since {relative(f.since, now)}</span> : null}
            </p>
            {f.detail ? <p className="break-words">{f.detail}</p> : null}
            <p className="text-red-800 dark:text-red-200">What to do: {f.advice}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
