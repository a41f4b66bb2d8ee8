import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { NoAccess } from "@/components/shell/no-access";
import { getPublicSession } from "@/lib/auth";
import { integrationParamsSchema } from "@/lib/integrations/schemas";
import { rememberVersion } from "@/lib/integrations/version-store";
import { getUserPegasusClient } from "@/lib/pegasus";
import { getIntegrationConfig } from "@/lib/pegasus/integrations";
import { hasPermission } from "@/lib/permissions/server";
import { makeQueryClient } from "@/lib/queries/query-client";
import { integrationConfigQuery } from "@/lib/queries/integrations";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { IntegrationPageClient } from "./page-client";

export async function generateMetadata({ params }: { params: Promise<{ integrationId: string }> }): Promise<Metadata> {
  const { integrationId } = await params;
  return { title: `${decodeURIComponent(integrationId)} · Integrations` };
}

export default async function IntegrationPage({ params }: { params: Promise<{ integrationId: string }> }) {
  if (!(await hasPermission(PERMISSIONS.readIntegrationConfig))) {
    return <NoAccess section="Integrations" needs={PERMISSIONS.readIntegrationConfig} />;
  }
  const raw = decodeURIComponent((await params).integrationId);
  const parsed = integrationParamsSchema.safeParse({ integrationId: raw });
  const queryClient = makeQueryClient();
  const client = await getUserPegasusClient();
  if (client && parsed.success) {
    // Same key as the client; a 404 (nothing published) is shown by the client body.
    const session = await getPublicSession();
    const id = parsed.data.integrationId;
    await queryClient.prefetchQuery({
      ...integrationConfigQuery(id),
      queryFn: async () => {
        const config = await getIntegrationConfig(client, id);
        // The content of the version being edited must stay diffable after the next publish.
        if (session) await rememberVersion(session.user.tenantId, config);
        return config;
      },
    });
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <IntegrationPageClient integrationId={raw} />
    </HydrationBoundary>
  );
}
