import type { Metadata } from "next";
import { SecretsPage } from "@/components/secrets/secrets-page";
import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/shell/page-header";
import { listConfigs } from "@/lib/pegasus/configs";
import { getRequirementsOverview } from "@/lib/pegasus/requirements";
import { listSecrets } from "@/lib/pegasus/secrets";
import { getPermissionSet } from "@/lib/permissions/server";
import { Prefetched } from "@/lib/queries/prefetch";
import { configsQuery, requirementsQuery, secretsQuery } from "@/lib/queries/secrets";
import { PERMISSIONS } from "@/lib/schemas/permissions";

export const metadata: Metadata = { title: "Secrets & config" };

export default async function Secrets() {
  const permissions = await getPermissionSet();
  const canSecrets = permissions.has(PERMISSIONS.manageSecrets);
  const canConfigs = permissions.has(PERMISSIONS.manageConfigs);
  if (!canSecrets && !canConfigs) {
    return <NoAccess section="Secrets & config" needs={`${PERMISSIONS.manageSecrets} or ${PERMISSIONS.manageConfigs}`} />;
  }
  return (
    <>
      <PageHeader
        title="Secrets & config"
        description="Values your workflows and integrations read at run time, which workflows use each one, and which declared keys are still missing."
      />
      <Prefetched
        prefetch={(queryClient, pegasus) =>
          // Same keys as the client's queries; the server calls the upstream directly. Secret metadata
          // only: no value exists anywhere in this data. Failures are left for the client to show.
          Promise.all([
            canSecrets ? queryClient.prefetchQuery({ ...secretsQuery(), queryFn: () => listSecrets(pegasus) }) : null,
            canConfigs ? queryClient.prefetchQuery({ ...configsQuery(), queryFn: () => listConfigs(pegasus) }) : null,
            queryClient.prefetchQuery({ ...requirementsQuery(), queryFn: () => getRequirementsOverview(pegasus) }),
          ])
        }
      >
        <SecretsPage />
      </Prefetched>
    </>
  );
}
