import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/shell/page-header";
import { getUserPegasusClient } from "@/lib/pegasus";
import { listConfigs } from "@/lib/pegasus/configs";
import { getRequirementsOverview } from "@/lib/pegasus/requirements";
import { listSecrets } from "@/lib/pegasus/secrets";
import { getPermissionSet } from "@/lib/permissions/server";
import { makeQueryClient } from "@/lib/queries/query-client";
import { configsQuery, requirementsQuery, secretsQuery } from "@/lib/queries/secrets";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { SecretsPageClient } from "./page-client";

export const metadata: Metadata = { title: "Secrets & config" };

export default async function SecretsPage() {
  const permissions = await getPermissionSet();
  const canSecrets = permissions.has(PERMISSIONS.manageSecrets);
  const canConfigs = permissions.has(PERMISSIONS.manageConfigs);
  if (!canSecrets && !canConfigs) {
    return <NoAccess section="Secrets & config" needs={`${PERMISSIONS.manageSecrets} or ${PERMISSIONS.manageConfigs}`} />;
  }
  const queryClient = makeQueryClient();
  const client = await getUserPegasusClient();
  if (client) {
    // Same keys as the client's queries; the server calls the upstream directly. Secret metadata
    // only: no value exists anywhere in this data. Failures are left for the client to show.
    await Promise.all([
      canSecrets ? queryClient.prefetchQuery({ ...secretsQuery(), queryFn: () => listSecrets(client) }) : null,
      canConfigs ? queryClient.prefetchQuery({ ...configsQuery(), queryFn: () => listConfigs(client) }) : null,
      queryClient.prefetchQuery({ ...requirementsQuery(), queryFn: () => getRequirementsOverview(client) }),
    ]);
  }
  return (
    <>
      <PageHeader
        title="Secrets & config"
        description="Values your workflows and integrations read at run time, which workflows use each one, and which declared keys are still missing."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SecretsPageClient />
      </HydrationBoundary>
    </>
  );
}
