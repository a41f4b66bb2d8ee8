import type { Metadata } from "next";
import { NoAccess } from "@/components/shell/no-access";
import { PageHeader } from "@/components/shell/page-header";
import { hasPermission } from "@/lib/permissions/server";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { ComparePageClient } from "./page-client";

export const metadata: Metadata = { title: "Compare executions" };

// Both executions and histories load in the browser (histories can be large).
export default async function ComparePage() {
  if (!(await hasPermission(PERMISSIONS.readWorkflow))) return <NoAccess section="Executions" needs={PERMISSIONS.readWorkflow} />;
  return (
    <>
      <PageHeader title="Compare executions" description="Two runs side by side: outcome, input and how long each step took." />
      <ComparePageClient />
    </>
  );
}
