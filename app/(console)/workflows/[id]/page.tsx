import type { Metadata } from "next";
import { NoAccess } from "@/components/shell/no-access";
import { WorkflowPage } from "@/components/workflows/workflow-page";
import { readWorkflowVersion } from "@/lib/catalog/server";
import { getRequirementsOverview } from "@/lib/pegasus/requirements";
import { listTriggers } from "@/lib/pegasus/triggers";
import { listWorkflows } from "@/lib/pegasus/workflows";
import { hasPermission } from "@/lib/permissions/server";
import { Prefetched } from "@/lib/queries/prefetch";
import { requirementsQuery } from "@/lib/queries/secrets";
import { workflowQuery, workflowsQuery, workflowTriggersQuery } from "@/lib/queries/workflows";
import { PERMISSIONS } from "@/lib/schemas/permissions";

export const metadata: Metadata = { title: "Workflow" };

export default async function Workflow({ params }: { params: Promise<{ id: string }> }) {
  if (!(await hasPermission(PERMISSIONS.readWorkflow))) return <NoAccess section="Workflows" needs={PERMISSIONS.readWorkflow} />;
  const { id } = await params;
  return (
    <Prefetched
      prefetch={(queryClient, pegasus) =>
        // Same keys as the client's queries; failures are left for the client to show.
        Promise.all([
          queryClient.prefetchQuery({ ...workflowQuery(id), queryFn: () => readWorkflowVersion(pegasus, id) }),
          queryClient.prefetchQuery({ ...workflowTriggersQuery(id), queryFn: () => listTriggers(pegasus, id) }),
          queryClient.prefetchQuery({ ...workflowsQuery(), queryFn: () => listWorkflows(pegasus) }),
          queryClient.prefetchQuery({ ...requirementsQuery(), queryFn: () => getRequirementsOverview(pegasus) }),
        ])
      }
    >
      <WorkflowPage workflowId={id} />
    </Prefetched>
  );
}
