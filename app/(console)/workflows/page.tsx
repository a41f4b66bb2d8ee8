import type { Metadata } from "next";
import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/shell/page-header";
import { WorkflowsPage } from "@/components/workflows/workflows-page";
import { listWorkflows } from "@/lib/pegasus/workflows";
import { hasPermission } from "@/lib/permissions/server";
import { Prefetched } from "@/lib/queries/prefetch";
import { workflowsQuery } from "@/lib/queries/workflows";
import { PERMISSIONS } from "@/lib/schemas/permissions";

export const metadata: Metadata = { title: "Workflows" };

export default async function Workflows({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await hasPermission(PERMISSIONS.readWorkflow))) return <NoAccess section="Workflows" needs={PERMISSIONS.readWorkflow} />;
  const includeRetired = (await searchParams).retired === "1";
  return (
    <>
      <PageHeader
        title="Workflows"
        description="Automations published to your tenant and the platform library: one row per workflow with its latest version and the older ones behind it."
      />
      {/* Same key as the client's query; only the fetcher differs (the server calls the upstream directly). */}
      <Prefetched
        prefetch={(queryClient, pegasus) =>
          queryClient.prefetchQuery({ ...workflowsQuery({ includeRetired }), queryFn: () => listWorkflows(pegasus, { includeRetired }) })
        }
      >
        <WorkflowsPage />
      </Prefetched>
    </>
  );
}
