import type { Metadata } from "next";
import { AlertSettings } from "@/components/failures/alert-settings";
import { FailureGroups } from "@/components/failures/failure-groups";
import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/shell/page-header";
import { hasPermission } from "@/lib/permissions/server";
import { PERMISSIONS } from "@/lib/schemas/permissions";

export const metadata: Metadata = { title: "Needs attention" };

// Not prefetched on the server: the group computation reads every workflow's recent runs, and the
// client shows its skeleton at once instead of holding the page until it is done.
export default async function NeedsAttentionPage() {
  if (!(await hasPermission(PERMISSIONS.readWorkflow))) return <NoAccess section="Needs attention" needs={PERMISSIONS.readWorkflow} />;
  return (
    <>
      <PageHeader
        title="Needs attention"
        description="Failed, timed-out and stuck runs grouped by cause: one row per cause, with how often, since when, and how to fix it."
      />
      <FailureGroups />
      <AlertSettings />
    </>
  );
}
