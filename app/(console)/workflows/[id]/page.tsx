import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { NoAccess } from "@/components/shell/no-access";
import { getUserPegasusClient } from "@/lib/pegasus";
import { getRequirementsOverview } from "@/lib/pegasus/requirements";
import { listTriggers } from "@/lib/pegasus/triggers";
import { readWorkflowVersion } from "@/lib/catalog/server";
import { listWorkflows } from "@/lib/pegasus/workflows";
import { hasPermission } from "@/lib/permissions/server";
import { makeQueryClient } from "@/lib/queries/query-client";
import { requirementsQuery } from "@/lib/queries/secrets";
import { workflowQuery, workflowsQuery, workflowTriggersQuery } from "@/lib/queries/workflows";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { WorkflowPageClient } from "./page-client";

export const metadata: Metadata = { title: "Workflow" };

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await hasPermission(PERMISSIONS.readWorkflow))) return <NoAccess section="Workflows" needs={PERMISSIONS.readWorkflow} />;
  const { id } = await params;
  const queryClient = makeQueryClient();
  const client = await getUserPegasusClient();
  if (client) {
    // Same keys as the client's queries; failures are left for the client to show.
    await Promise.all([
      queryClient.prefetchQuery({ ...workflowQuery(id), queryFn: () => readWorkflowVersion(client, id) }),
      queryClient.prefetchQuery({ ...workflowTriggersQuery(id), queryFn: () => listTriggers(client, id) }),
      queryClient.prefetchQuery({ ...workflowsQuery(), queryFn: () => listWorkflows(client) }),
      queryClient.prefetchQuery({ ...requirementsQuery(), queryFn: () => getRequirementsOverview(client) }),
    ]);
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <WorkflowPageClient workflowId={id} />
    </HydrationBoundary>
  );
}
