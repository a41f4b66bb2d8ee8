import type { Metadata } from "next";
import { Suspense } from "react";
import { ActivityView } from "@/components/audit/activity-view";
import { TenantNameCard } from "@/components/people/tenant-name-card";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { getPublicSession } from "@/lib/auth";
import { isTenantAdmin, TENANT_ADMIN_ROLE } from "@/lib/audit/actions";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage() {
  const session = await getPublicSession();
  if (!session || !isTenantAdmin(session.user.roles)) {
    return (
      <Card>
        <EmptyState title="Activity is not available to your role">
          The activity log is for tenant admins (the <code className="font-mono">{TENANT_ADMIN_ROLE}</code> role). Ask a tenant admin what
          happened.
        </EmptyState>
      </Card>
    );
  }
  return (
    <>
      <PageHeader
        title="Activity"
        description="Who changed what through the console, when and why: runs, cancels, retries, triggers, secrets, config and integration publishes. Values are never recorded."
      />
      <div className="mb-6">
        <TenantNameCard />
      </div>
      <Suspense>
        <ActivityView />
      </Suspense>
    </>
  );
}
