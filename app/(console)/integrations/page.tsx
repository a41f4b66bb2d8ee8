import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/shell/page-header";
import { hasPermission } from "@/lib/permissions/server";
import { PERMISSIONS } from "@/lib/schemas/permissions";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  if (!(await hasPermission(PERMISSIONS.readIntegrationConfig))) {
    return <NoAccess section="Integrations" needs={PERMISSIONS.readIntegrationConfig} />;
  }
  return (
    <>
      <PageHeader title="Integrations" description="Mapping, rules and golden cases of each integration config." />
      <ComingSoon
        items={[
          "Pull, edit and validate integration configs against the gate",
          "Publish new versions, see version history and roll back",
          "Fork platform configs into your tenant",
        ]}
      >
        This section is coming next.
      </ComingSoon>
    </>
  );
}
