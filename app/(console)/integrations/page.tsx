import type { Metadata } from "next";
import { IntegrationsView } from "@/components/integrations/integrations-view";
import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/shell/page-header";
import { listIntegrationConfigs } from "@/lib/pegasus/integrations";
import { hasPermission } from "@/lib/permissions/server";
import { integrationsListQuery } from "@/lib/queries/integrations";
import { Prefetched } from "@/lib/queries/prefetch";
import { PERMISSIONS } from "@/lib/schemas/permissions";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  if (!(await hasPermission(PERMISSIONS.readIntegrationConfig))) {
    return <NoAccess section="Integrations" needs={PERMISSIONS.readIntegrationConfig} />;
  }
  return (
    <>
      <PageHeader
        title="Integrations"
        description="How each partner's data maps into Pegasus, the rules that reject an update, and the golden cases that prove both."
      />
      {/* Same key as the client's query; a failure is left for the client to show with a retry. */}
      <Prefetched
        prefetch={(queryClient, pegasus) =>
          queryClient.prefetchQuery({ ...integrationsListQuery(), queryFn: () => listIntegrationConfigs(pegasus) })
        }
      >
        <IntegrationsView />
      </Prefetched>
    </>
  );
}
