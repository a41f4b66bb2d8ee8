import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";
import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/shell/page-header";
import { hasPermission } from "@/lib/permissions/server";
import { PERMISSIONS } from "@/lib/schemas/permissions";

export const metadata: Metadata = { title: "Executions" };

export default async function ExecutionsPage() {
  if (!(await hasPermission(PERMISSIONS.readWorkflow))) return <NoAccess section="Executions" needs={PERMISSIONS.readWorkflow} />;
  return (
    <>
      <PageHeader title="Executions" description="Runs across all your workflows." />
      <ComingSoon
        items={[
          "Executions across every workflow, newest first, with status and trigger filters",
          "The Temporal history timeline of each run",
          "Cancel, retry and re-run as a dry-run test (as your role allows)",
        ]}
      >
        This section is coming next. Today it has no data view; nothing here is simulated.
      </ComingSoon>
    </>
  );
}
