import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/shell/page-header";
import { getUserPegasusClient } from "@/lib/pegasus";
import { listIntegrationConfigs } from "@/lib/pegasus/integrations";
import { hasPermission } from "@/lib/permissions/server";
import { makeQueryClient } from "@/lib/queries/query-client";
import { integrationsListQuery } from "@/lib/queries/integrations";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { IntegrationsPageClient } from "./page-client";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  if (!(await hasPermission(PERMISSIONS.readIntegrationConfig))) {
    return <NoAccess section="Integrations" needs={PERMISSIONS.readIntegrationConfig} />;
  }
  const queryClient = makeQueryClient();
  const client = await getUserPegasusClient();
  // Same key as the client's query; a failure is left for the client to show with a retry.
  if (client) await queryClient.prefetchQuery({ ...integrationsListQuery(), queryFn: () => listIntegrationConfigs(client) });
  return (
    <>
      <PageHeader title="Integrations" description="How each partner's data maps into Pegasus, the rules that reject an update, and the golden cases that prove both." />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <IntegrationsPageClient />
      </HydrationBoundary>
    </>
  );
}
