"use client";
import { useQuery } from "@tanstack/react-query";
import { IntegrationsTable } from "@/components/integrations/integrations-table";
import { QueryFailure } from "@/components/ui/query-failure";
import { Card } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import { integrationsListQuery } from "@/lib/queries/integrations";

/** The body of /integrations (client): every integration with its published version and scope. */
export function IntegrationsView() {
  const list = useQuery(integrationsListQuery());
  if (list.isPending) {
    return (
      <Card>
        <SkeletonRows rows={4} label="Loading integrations" />
      </Card>
    );
  }
  if (list.isError) return <QueryFailure title="Integrations could not be loaded" error={list.error} retry={() => void list.refetch()} />;
  return <IntegrationsTable items={list.data} />;
}
