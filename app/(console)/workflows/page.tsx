import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/shell/page-header";
import { getUserPegasusClient } from "@/lib/pegasus";
import { listWorkflows } from "@/lib/pegasus/workflows";
import { hasPermission } from "@/lib/permissions/server";
import { makeQueryClient } from "@/lib/queries/query-client";
import { workflowsQuery } from "@/lib/queries/workflows";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { WorkflowsPageClient } from "./page-client";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await hasPermission(PERMISSIONS.readWorkflow))) return <NoAccess section="Workflows" needs={PERMISSIONS.readWorkflow} />;
  const includeRetired = (await searchParams).retired === "1";
  const queryClient = makeQueryClient();
  const client = await getUserPegasusClient();
  // Same key as the client's query; only the fetcher differs (server calls the upstream directly).
  if (client) await queryClient.prefetchQuery({ ...workflowsQuery({ includeRetired }), queryFn: () => listWorkflows(client, { includeRetired }) });
  return (
    <>
      <PageHeader
        title="Workflows"
        description="Automations published to your tenant and the platform library: one row per workflow with its latest version and the older ones behind it."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <WorkflowsPageClient />
      </HydrationBoundary>
    </>
  );
}
