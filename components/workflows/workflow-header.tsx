"use client";
import Link from "next/link";
import { ReviewBadge } from "@/components/reviews/review-badge";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { WorkflowUsage } from "@/components/usage/workflow-usage";
import { ExecutabilityBadge } from "@/components/workflows/catalog-list";
import { WorkflowActions } from "@/components/workflows/workflow-actions";
import { ActionChips, PublishedBy } from "@/components/workflows/workflow-bits";
import { executabilityOf } from "@/lib/catalog";
import type { ReviewState } from "@/lib/reviews/state";
import type { Workflow } from "@/lib/schemas/workflow";

/** The link to the runs of one version, in the header and the retired notice. */
function runsHrefOf(wf: Pick<Workflow, "id">): string {
  return `/executions?${new URLSearchParams({ workflow: wf.id }).toString()}`;
}

/** Breadcrumb, title with badges and actions, and (for a retired version) what still works. */
export function WorkflowHeader({
  wf,
  latest,
  reviewState,
  canUpload,
}: {
  wf: Workflow;
  latest: Workflow | undefined;
  reviewState: ReviewState | null;
  canUpload: boolean;
}) {
  const runsHref = runsHrefOf(wf);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/workflows" className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-100">
          Workflows
        </Link>
        <span aria-hidden="true" className="mx-1 text-slate-400">
          /
        </span>
        <span>{wf.name}</span>
      </nav>
      <PageHeader
        title={`${wf.name} v${wf.version}`}
        actions={<WorkflowActions workflow={wf} canUpload={canUpload} />}
        description={
          <span className="flex flex-col gap-2">
            <span>{wf.manifest.description ?? "No description."}</span>
            <span className="flex flex-wrap items-center gap-2 text-xs">
              <Badge tone={wf.visibility === "GLOBAL" ? "info" : "neutral"}>
                {wf.visibility === "GLOBAL" ? "Platform library" : "Your workflow"}
              </Badge>
              <ExecutabilityBadge executability={executabilityOf(wf)} />
              {latest && latest.id !== wf.id ? (
                <Link href={`/workflows/${latest.id}`} className="text-brand-700 underline dark:text-brand-100">
                  A newer version exists: v{latest.version}
                </Link>
              ) : null}
              {reviewState ? <ReviewBadge state={reviewState} /> : null}
              <PublishedBy wf={wf} />
              <Link href={runsHref} className="text-brand-700 underline dark:text-brand-100">
                Runs of this version
              </Link>
            </span>
            <ActionChips ids={wf.manifest.requiredActions} />
            <WorkflowUsage workflowName={wf.name} />
          </span>
        }
      />
      {wf.status === "RETIRED" ? (
        <div
          data-testid="retired-notice"
          className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100"
        >
          <p className="font-semibold">
            This version is retired
            {wf.retiredAt ? (
              <>
                {" "}
                since{" "}
                <time dateTime={wf.retiredAt}>
                  {new Date(wf.retiredAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
                </time>
              </>
            ) : null}
            .
          </p>
          <p className="mt-1">
            It can no longer be run, triggered, forked or downloaded. Its diagram, envelope and{" "}
            <Link href={runsHref} className="underline">
              past runs
            </Link>{" "}
            stay readable.
          </p>
        </div>
      ) : null}
    </>
  );
}
