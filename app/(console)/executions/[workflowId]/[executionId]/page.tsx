import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { NoAccess } from "@/components/shell/no-access";
import { getUserPegasusClient } from "@/lib/pegasus";
import { getExecution } from "@/lib/pegasus/executions";
import { hasPermission } from "@/lib/permissions/server";
import { executionQuery } from "@/lib/queries/executions";
import { makeQueryClient } from "@/lib/queries/query-client";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { ExecutionPageClient } from "./page-client";

export const metadata: Metadata = { title: "Execution" };

const paramsSchema = z.object({ workflowId: z.uuid(), executionId: z.uuid() });

// The execution row is prefetched; the history is not: it can be 51,200 events, which the
// browser should fetch as JSON rather than receive inlined in the HTML.
export default async function ExecutionPage({ params }: { params: Promise<{ workflowId: string; executionId: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { workflowId, executionId } = parsed.data;
  if (!(await hasPermission(PERMISSIONS.readWorkflow))) return <NoAccess section="Executions" needs={PERMISSIONS.readWorkflow} />;
  const queryClient = makeQueryClient();
  const client = await getUserPegasusClient();
  if (client)
    await queryClient.prefetchQuery({
      ...executionQuery(workflowId, executionId),
      queryFn: () => getExecution(client, workflowId, executionId),
    });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ExecutionPageClient workflowId={workflowId} executionId={executionId} />
    </HydrationBoundary>
  );
}
