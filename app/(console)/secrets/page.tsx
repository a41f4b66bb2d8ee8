import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/shell/page-header";
import { getPermissionSet } from "@/lib/permissions/server";
import { PERMISSIONS } from "@/lib/schemas/permissions";

export const metadata: Metadata = { title: "Secrets & config" };

export default async function SecretsPage() {
  const permissions = await getPermissionSet();
  if (!permissions.hasAny([PERMISSIONS.manageSecrets, PERMISSIONS.manageConfigs])) {
    return <NoAccess section="Secrets & config" needs={`${PERMISSIONS.manageSecrets} or ${PERMISSIONS.manageConfigs}`} />;
  }
  return (
    <>
      <PageHeader title="Secrets & config" description="Values your workflows read at run time." />
      <ComingSoon
        items={[
          "Secrets: write-once values, never shown again; rotate by deleting and re-creating",
          "Config: key/value entries you can edit",
          "Which workflows use each key, and which declared keys are still missing",
        ]}
      >
        This section is coming next.
      </ComingSoon>
    </>
  );
}
