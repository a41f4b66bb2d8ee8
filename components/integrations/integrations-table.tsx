"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { integrationConfigQuery } from "@/lib/queries/integrations";
import type { IntegrationSummary } from "@/lib/schemas/integration";

/** The type floor of a published config (the list's read model does not carry it). */
function FloorCell({ id, published }: { id: string; published: boolean }) {
  const config = useQuery({ ...integrationConfigQuery(id), enabled: published });
  if (!published) return <span className="text-slate-500">built-in</span>;
  if (config.isPending) return <span className="text-slate-500">…</span>;
  if (config.isError) return <span className="text-slate-500">unavailable</span>;
  return <span className="font-mono text-xs">{config.data.floor ?? "—"}</span>;
}

/** Where a config comes from, in the words the page uses everywhere. */
export function ScopeBadge({ visibility }: { visibility: "GLOBAL" | "TENANT" | null }) {
  if (visibility === "TENANT") return <Badge tone="info">Your config</Badge>;
  if (visibility === "GLOBAL") return <Badge>Platform</Badge>;
  return <Badge tone="warning">Built-in baseline</Badge>;
}

/** The integrations list: name, published version, scope. Each row opens the integration. */
export function IntegrationsTable({ items }: { items: IntegrationSummary[] }) {
  if (items.length === 0) {
    return (
      <Card>
        <EmptyState title="No integrations yet">
          Integrations appear here once a config is published for your tenant or the platform.
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card>
      <Table>
        <THead>
          <TR>
            <TH>Integration</TH>
            <TH>Published version</TH>
            <TH>Scope</TH>
            <TH>Floor</TH>
          </TR>
        </THead>
        <TBody>
          {items.map((item) => (
            <TR key={item.id}>
              <TD>
                <Link
                  href={`/integrations/${encodeURIComponent(item.id)}`}
                  className="font-medium text-brand-700 hover:underline dark:text-brand-100"
                >
                  {item.name}
                </Link>
                <div className="font-mono text-xs text-slate-500">{item.id}</div>
                {item.description ? <div className="text-xs text-slate-600 dark:text-slate-400">{item.description}</div> : null}
              </TD>
              <TD>
                {item.published && item.version !== null ? `v${item.version}` : <span className="text-slate-500">not published</span>}
              </TD>
              <TD>
                <ScopeBadge visibility={item.published ? item.visibility : null} />
              </TD>
              <TD>
                <FloorCell id={item.id} published={item.published} />
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
