import type { QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { NoAccess } from "@/components/shell/no-access";
import { getPublicSession } from "@/lib/auth";
import { integrationParamsSchema } from "@/lib/integrations/schemas";
import { rememberVersion } from "@/lib/integrations/version-store";
import type { PegasusClient } from "@/lib/pegasus";
import { getIntegrationConfig } from "@/lib/pegasus/integrations";
import { hasPermission } from "@/lib/permissions/server";
import { integrationConfigQuery } from "@/lib/queries/integrations";
import { Prefetched } from "@/lib/queries/prefetch";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { IntegrationView } from "@/components/integrations/integration-view";

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
  const session = parsed.success ? await getPublicSession() : null;
  const prefetch = async (queryClient: QueryClient, pegasus: PegasusClient) => {
    if (!parsed.success) return;
    const id = parsed.data.integrationId;
    // Same key as the client; a 404 (nothing published) is shown by the client body.
    await queryClient.prefetchQuery({
      ...integrationConfigQuery(id),
      queryFn: async () => {
        const config = await getIntegrationConfig(pegasus, id);
        // The content of the version being edited must stay diffable after the next publish.
        if (session) await rememberVersion(session.user.tenantId, config);
        return config;
      },
    });
  };
  return (
    <Prefetched prefetch={prefetch}>
      <IntegrationView integrationId={raw} />
    </Prefetched>
  );
}
