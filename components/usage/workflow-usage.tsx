"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { BffClientError } from "@/lib/queries/fetcher";
import { usageSummaryQuery } from "@/lib/queries/usage";
import { usePermissions } from "@/lib/queries/use-permissions";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { countOf } from "@/lib/text/count";
import { termLabel, usageOfWorkflow } from "@/lib/usage/model";

/**
 * One line on a workflow page: what this automation (all its versions) used of the pool this term.
 * Shown only to readers of usage (no request is made for anyone else), so other roles see nothing
 * rather than a refusal on every workflow page.
 */
export function WorkflowUsage({ workflowName }: { workflowName: string }) {
  const mayRead = usePermissions().has(PERMISSIONS.readUsage);
  const query = useQuery({ ...usageSummaryQuery(), enabled: mayRead });
  if (!mayRead || query.isPending) return null;
  if (query.isError) {
    if (query.error instanceof BffClientError && query.error.status === 403) return null;
    return <p className="text-sm text-slate-500 dark:text-slate-400">This term&apos;s usage could not be loaded.</p>;
  }
  const used = usageOfWorkflow(query.data, { workflowName });
  return (
    <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="workflow-usage">
      This term ({termLabel(query.data)}): {countOf(used, "billable action")} by {workflowName}, all versions.{" "}
      <Link className="text-brand-700 underline dark:text-brand-100" href="/usage">
        Usage
      </Link>
    </p>
  );
}
