"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { preloadMermaid } from "@/components/diagram/preload-mermaid";
import { ReviewBadge } from "@/components/reviews/review-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { ActionChips, PublishedBy } from "@/components/workflows/workflow-bits";
import type { CatalogRow, Executability } from "@/lib/catalog";
import type { ReviewSummaryItem } from "@/lib/reviews/state";
import type { Workflow } from "@/lib/schemas/workflow";

/** Executable, curated, not executable or retired, with the hint on hover. */
export function ExecutabilityBadge({ executability: e }: { executability: Executability }) {
  const tone = e.kind === "retired" ? "danger" : e.kind === "curated" ? "info" : e.kind === "executable" ? "success" : "warning";
  return (
    <span title={e.hint ?? undefined}>
      <Badge tone={tone}>{e.label}</Badge>
    </span>
  );
}

// Retired versions open too: their diagram, envelope and runs stay readable (read-only).
function VersionLink({ wf }: { wf: Workflow }) {
  return (
    <Link
      href={`/workflows/${wf.id}`}
      onMouseEnter={preloadMermaid}
      onFocus={preloadMermaid}
      aria-label={wf.status === "RETIRED" ? `${wf.version} (retired)` : undefined}
      className={`font-mono text-xs underline-offset-2 hover:underline ${wf.status === "RETIRED" ? "text-slate-600 line-through dark:text-slate-400" : "text-brand-700 dark:text-brand-100"}`}
    >
      {wf.version}
    </Link>
  );
}

export type ReviewStates = ReadonlyMap<string, ReviewSummaryItem>;

function CatalogItem({ row, reviews }: { row: CatalogRow<Workflow>; reviews: ReviewStates | null }) {
  const latest = row.latest;
  const latestReview = reviews?.get(latest.id);
  return (
    <li className="flex flex-col gap-2 px-5 py-4" data-testid={`catalog-row-${row.visibility}-${row.name}`}>
      <div className="flex flex-wrap items-center gap-2">
        <Link
          href={`/workflows/${latest.id}`}
          onMouseEnter={preloadMermaid}
          onFocus={preloadMermaid}
          className="text-base font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-100"
        >
          {row.name}
        </Link>
        <span className="font-mono text-xs text-slate-600 dark:text-slate-400">v{latest.version}</span>
        <ExecutabilityBadge executability={row.executability} />
        {latestReview ? <ReviewBadge state={latestReview.state} /> : null}
        {latestReview?.lastReviewedVersion && latestReview.state !== "reviewed" && latestReview.state !== "changes-requested" ? (
          <Link
            href={`/workflows/${latest.id}?tab=versions&a=${encodeURIComponent(latestReview.lastReviewedVersion.workflowId)}&b=${encodeURIComponent(latest.id)}`}
            className="text-xs text-brand-700 underline dark:text-brand-100"
          >
            last reviewed: v{latestReview.lastReviewedVersion.version} (what changed)
          </Link>
        ) : null}
        {latest.forkedFromWorkflowId ? (
          <Badge tone="neutral">Forked{latest.forkedFromVersion ? ` from v${latest.forkedFromVersion}` : ""}</Badge>
        ) : null}
      </div>
      {row.description ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{row.description}</p>
      ) : (
        <p className="text-sm italic text-slate-500">No description.</p>
      )}
      <ActionChips ids={latest.manifest.requiredActions} />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
        <PublishedBy wf={latest} />
        {row.older.length > 0 ? (
          <details className="group">
            <summary className="cursor-pointer select-none text-brand-700 dark:text-brand-100">
              {row.older.length} older version{row.older.length === 1 ? "" : "s"}
            </summary>
            <ul className="mt-1 flex flex-wrap gap-2">
              {row.older.map((wf) => (
                <li key={wf.id} className="flex items-center gap-1">
                  <VersionLink wf={wf} />
                  {wf.status === "RETIRED" ? <Badge tone="neutral">retired</Badge> : null}
                  {reviews?.get(wf.id) && reviews.get(wf.id)?.state !== "not-reviewed" ? (
                    <ReviewBadge state={reviews.get(wf.id)?.state ?? "not-reviewed"} />
                  ) : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </li>
  );
}

export function CatalogSectionCard({
  title,
  description,
  rows,
  empty,
  reviews,
}: {
  title: string;
  description: string;
  rows: CatalogRow<Workflow>[];
  empty: ReactNode;
  reviews: ReviewStates | null;
}) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      {rows.length === 0 ? (
        empty
      ) : (
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {rows.map((row) => (
            <CatalogItem key={row.key} row={row} reviews={reviews} />
          ))}
        </ul>
      )}
    </Card>
  );
}
