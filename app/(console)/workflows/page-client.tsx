"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { BffClientError } from "@/lib/queries/fetcher";
import { workflowsQuery } from "@/lib/queries/workflows";
import type { Workflow } from "@/lib/schemas/workflow";

function ExecutableBadge({ workflow }: { workflow: Workflow }) {
  if (workflow.visibility === "GLOBAL") return <Badge tone="info">Curated</Badge>;
  return workflow.executable ? <Badge tone="success">Executable</Badge> : <Badge tone="warning">Not executable</Badge>;
}

/** The workflows table (client body of /workflows). */
export function WorkflowsPageClient() {
  const query = useQuery(workflowsQuery());
  if (query.isPending) {
    return (
      <Card>
        <SkeletonRows label="Loading workflows" />
      </Card>
    );
  }
  if (query.isError) {
    const err = query.error;
    return (
      <Card>
        <ErrorState
          title="Workflows could not be loaded"
          message={err.message}
          code={err instanceof BffClientError ? err.code : null}
          requestId={err instanceof BffClientError ? err.requestId : null}
          action={
            <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
              Try again
            </Button>
          }
        />
      </Card>
    );
  }
  const workflows = query.data;
  return (
    <Card>
      <CardHeader title="All versions" description={`${workflows.length} workflow version${workflows.length === 1 ? "" : "s"}`} />
      {workflows.length === 0 ? (
        <EmptyState title="No workflows yet">Publish one with the SDK: <code className="font-mono">pegasus-workflows push</code>.</EmptyState>
      ) : (
        <Table aria-label="Workflows">
          <THead>
            <tr>
              <TH>Name</TH>
              <TH>Version</TH>
              <TH>Visibility</TH>
              <TH>Executable</TH>
            </tr>
          </THead>
          <TBody>
            {workflows.map((wf) => (
              <TR key={wf.id}>
                <TD>
                  <div className="font-medium">{wf.name}</div>
                  {wf.manifest.description ? <div className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">{wf.manifest.description}</div> : null}
                </TD>
                <TD>
                  <span className="font-mono text-xs">{wf.version}</span>
                </TD>
                <TD>
                  <Badge tone={wf.visibility === "GLOBAL" ? "info" : "neutral"}>{wf.visibility === "GLOBAL" ? "Platform" : "Tenant"}</Badge>
                </TD>
                <TD>
                  <ExecutableBadge workflow={wf} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
