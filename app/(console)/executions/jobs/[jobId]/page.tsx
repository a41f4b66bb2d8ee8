import type { Metadata } from "next";
import Link from "next/link";
import { JobProgress } from "@/components/jobs/job-progress";
import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/shell/page-header";
import { hasPermission } from "@/lib/permissions/server";
import { PERMISSIONS } from "@/lib/schemas/permissions";

export const metadata: Metadata = { title: "Bulk action" };

// The progress is polled from the store by the client; nothing to prefetch that would not be stale at once.
export default async function JobPage({ params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  if (!(await hasPermission(PERMISSIONS.readWorkflow))) return <NoAccess section="Bulk actions" needs={PERMISSIONS.readWorkflow} />;
  return (
    <>
      <PageHeader
        title="Bulk action"
        description="A retry, cancel or dry-run re-run of many runs, done by the console one run at a time within the tenant's limits."
      />
      <p className="mb-3 text-sm">
        <Link href="/executions/attention" className="text-brand-700 hover:underline dark:text-brand-100">
          ← Needs attention
        </Link>
      </p>
      <JobProgress jobId={jobId} />
    </>
  );
}
