"use client";
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { ReviewSettings } from "@/components/reviews/review-settings";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryFailure } from "@/components/ui/query-failure";
import { SkeletonRows } from "@/components/ui/skeleton";
import { CatalogSectionCard } from "@/components/workflows/catalog-list";
import { formatCatalogUrl, parseCatalogUrl, type CatalogSection, type CatalogUrlState } from "@/components/workflows/catalog-url";
import { groupWorkflowsByName, searchCatalog } from "@/lib/catalog";
import { reviewSummaryQuery } from "@/lib/queries/reviews";
import { workflowsQuery } from "@/lib/queries/workflows";
import { countOf } from "@/lib/text/count";

/** The catalog (/workflows): one row per workflow name, search and filters in the URL. */
export function WorkflowsPage() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const url = parseCatalogUrl(searchParams);
  const [q, setQ] = useState(url.q);
  const query = useQuery(workflowsQuery({ includeRetired: url.includeRetired }));
  const reviewSummary = useQuery(reviewSummaryQuery());
  const reviews = useMemo(
    () => (reviewSummary.data ? new Map(reviewSummary.data.items.map((i) => [i.workflowId, i])) : null),
    [reviewSummary.data],
  );

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
          <input
            type="checkbox"
            checked={url.includeRetired}
            onChange={(e) => navigate({ includeRetired: e.target.checked })}
            className="h-4 w-4"
          />
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
    return (
      <>
        {toolbar}
        <QueryFailure title="Workflows could not be loaded" error={query.error} retry={() => void query.refetch()} />
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
                  Publish one with the SDK (<code className="font-mono">pegasus-workflows push</code>) or fork one from the platform
                  library.
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
