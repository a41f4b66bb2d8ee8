import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/shell/page-header";
import { hasPermission } from "@/lib/permissions/server";
import { makeQueryClient } from "@/lib/queries/query-client";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { ExecutionsPageClient } from "./page-client";

export const metadata: Metadata = { title: "Executions" };

// The list is not prefetched on the server: it fans out to every workflow, and the client shows
// its skeleton at once instead of holding the whole page until the merge is done.
export default async function ExecutionsPage() {
  if (!(await hasPermission(PERMISSIONS.readWorkflow))) return <NoAccess section="Executions" needs={PERMISSIONS.readWorkflow} />;
  const queryClient = makeQueryClient();
  return (
    <>
      <PageHeader title="Executions" description="Runs across all your workflows, newest first. Open one to read its Temporal history." />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ExecutionsPageClient />
      </HydrationBoundary>
    </>
  );
}
