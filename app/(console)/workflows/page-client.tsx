"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { formatCatalogUrl, parseCatalogUrl, type CatalogSection, type CatalogUrlState } from "@/components/workflows/catalog-url";
import { ActionChips, PublishedBy } from "@/components/workflows/workflow-bits";
import { preloadMermaid } from "@/components/diagram/preload-mermaid";
import { ReviewBadge } from "@/components/reviews/review-badge";
import { ReviewSettings } from "@/components/reviews/review-settings";
import { reviewSummaryQuery } from "@/lib/queries/reviews";
import type { ReviewSummaryItem } from "@/lib/reviews/state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { groupWorkflowsByName, searchCatalog, type CatalogRow } from "@/lib/catalog";
import { countOf } from "@/lib/text/count";
import { BffClientError } from "@/lib/queries/fetcher";
import { workflowsQuery } from "@/lib/queries/workflows";
import type { Workflow } from "@/lib/schemas/workflow";

function ExecutabilityBadge({ row }: { row: CatalogRow<Workflow> }) {
  const e = row.executability;
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

type ReviewStates = ReadonlyMap<string, ReviewSummaryItem>;

function CatalogItem({ row, reviews }: { row: CatalogRow<Workflow>; reviews: ReviewStates | null }) {
  const latest = row.latest;
  const latestReview = reviews?.get(latest.id);
  return (
    <li className="flex flex-col gap-2 px-5 py-4" data-testid={`catalog-row-${row.visibility}-${row.name}`}>
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/workflows/${latest.id}`} onMouseEnter={preloadMermaid} onFocus={preloadMermaid} className="text-base font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-100">
          {row.name}
        </Link>
        <span className="font-mono text-xs text-slate-600 dark:text-slate-400">v{latest.version}</span>
        <ExecutabilityBadge row={row} />
        {latestReview ? <ReviewBadge state={latestReview.state} /> : null}
        {latestReview?.lastReviewedVersion && latestReview.state !== "reviewed" && latestReview.state !== "changes-requested" ? (
          <Link
            href={`/workflows/${latest.id}?tab=versions&a=${encodeURIComponent(latestReview.lastReviewedVersion.workflowId)}&b=${encodeURIComponent(latest.id)}`}
            className="text-xs text-brand-700 underline dark:text-brand-100"
          >
            last reviewed: v{latestReview.lastReviewedVersion.version} (what changed)
          </Link>
        ) : null}
        {latest.forkedFromWorkflowId ? <Badge tone="neutral">Forked{latest.forkedFromVersion ? ` from v${latest.forkedFromVersion}` : ""}</Badge> : null}
      </div>
      {row.description ? <p className="text-sm text-slate-700 dark:text-slate-300">{row.description}</p> : <p className="text-sm italic text-slate-500">No description.</p>}
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
                  {reviews?.get(wf.id) && reviews.get(wf.id)?.state !== "not-reviewed" ? <ReviewBadge state={reviews.get(wf.id)?.state ?? "not-reviewed"} /> : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </li>
  );
}

function CatalogSectionCard({ title, description, rows, empty, reviews }: { title: string; description: string; rows: CatalogRow<Workflow>[]; empty: React.ReactNode; reviews: ReviewStates | null }) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      {rows.length === 0 ? empty : <ul className="divide-y divide-slate-200 dark:divide-slate-800">{rows.map((row) => <CatalogItem key={row.key} row={row} reviews={reviews} />)}</ul>}
    </Card>
  );
}

/** The catalog (client body of /workflows): one row per workflow name, search and filters in the URL. */
export function WorkflowsPageClient() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const url = parseCatalogUrl(searchParams);
  const [q, setQ] = useState(url.q);
  const query = useQuery(workflowsQuery({ includeRetired: url.includeRetired }));
  const reviewSummary = useQuery(reviewSummaryQuery());
  const reviews = useMemo(() => (reviewSummary.data ? new Map(reviewSummary.data.items.map((i) => [i.workflowId, i])) : null), [reviewSummary.data]);

  const navigate = (next: Partial<CatalogUrlState>) => {
    router.replace(`${pathname}${formatCatalogUrl({ ...url, q, ...next })}`, { scroll: false });
  };

  // The search box writes to the URL after a short pause so typing stays smooth and the URL shareable.
  useEffect(() => {
    if (q === url.q) return;
    const timer = setTimeout(() => router.replace(`${pathname}${formatCatalogUrl({ ...url, q })}`, { scroll: false }), 250);
    return () => clearTimeout(timer);
  }, [q, url, pathname, router]);

  const catalog = useMemo(() => (query.data ? groupWorkflowsByName(query.data) : null), [query.data]);
  const tenantRows = catalog ? searchCatalog(catalog.tenant, q) : [];
  const platformRows = catalog ? searchCatalog(catalog.platform, q) : [];

  const toolbar = (
    <>
    <ReviewSettings />
    <div className="mb-4 flex flex-wrap items-end gap-4">
      <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm font-medium">
        Search
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Name or description"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-normal dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Show
        <select
          value={url.section}
          onChange={(e) => navigate({ section: e.target.value as CatalogSection })}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-normal dark:border-slate-700 dark:bg-slate-900"
        >
          <option value="all">All workflows</option>
          <option value="tenant">Your workflows</option>
          <option value="platform">Platform library</option>
        </select>
      </label>
      <label className="flex items-center gap-2 py-2 text-sm">
        <input type="checkbox" checked={url.includeRetired} onChange={(e) => navigate({ includeRetired: e.target.checked })} className="h-4 w-4" />
        Include retired versions
      </label>
    </div>
    </>
  );

  if (query.isPending) {
    return (
      <>
        {toolbar}
        <Card>
          <SkeletonRows label="Loading workflows" />
        </Card>
      </>
    );
  }
  if (query.isError) {
    const err = query.error;
    return (
      <>
        {toolbar}
        <Card>
          <ErrorState
            title="Workflows could not be loaded"
            message={err.message}
            code={err instanceof BffClientError ? err.code : null}
            requestId={err instanceof BffClientError ? err.requestId : null}
            action={
              <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
                Try again
              </Button>
            }
          />
        </Card>
      </>
    );
  }
  const searching = q.trim() !== "";
  const noMatch = (
    <EmptyState title="No match">
      Nothing here matches “{q}”.{" "}
      <button type="button" className="text-brand-700 underline dark:text-brand-100" onClick={() => setQ("")}>
        Clear the search
      </button>
    </EmptyState>
  );
  return (
    <>
      {toolbar}
      <p className="sr-only" aria-live="polite">
        {countOf(tenantRows.length + platformRows.length, "workflow")} shown
      </p>
      <div className="flex flex-col gap-6">
        {url.section !== "platform" ? (
          <CatalogSectionCard
            title="Your workflows"
            description="Published by your team with the SDK."
            rows={tenantRows}
            reviews={reviews}
            empty={
              searching ? (
                noMatch
              ) : (
                <EmptyState title="No workflows yet">
                  Publish one with the SDK (<code className="font-mono">pegasus-workflows push</code>) or fork one from the platform library.
                </EmptyState>
              )
            }
          />
        ) : null}
        {url.section !== "tenant" ? (
          <CatalogSectionCard
            title="Platform library"
            description="Curated workflows every tenant can use or fork."
            rows={platformRows}
            reviews={reviews}
            empty={searching ? noMatch : <EmptyState title="The platform library is empty" />}
          />
        ) : null}
      </div>
    </>
  );
}
