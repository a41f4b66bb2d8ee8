"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import { MermaidDiagram } from "@/components/diagram/mermaid-diagram";
import { EnvelopePanel } from "@/components/envelope/envelope-panel";
import { ReviewPanel } from "@/components/reviews/review-panel";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { DriftPanel } from "@/components/workflows/drift-panel";
import type { DriftFinding } from "@/lib/drift";
import type { Envelope } from "@/lib/envelope";
import { BffClientError } from "@/lib/queries/fetcher";
import type { Trigger } from "@/lib/schemas/trigger";
import type { Workflow } from "@/lib/schemas/workflow";

/** A failed read on the workflow page; a 404 is explained rather than quoted. */
export function LoadError({ title, error, retry }: { title: string; error: Error; retry: () => void }) {
  return (
    <ErrorState
      title={title}
      message={
        error instanceof BffClientError && error.status === 404
          ? "This workflow does not exist, was retired, or is not visible to your tenant."
          : error.message
      }
      code={error instanceof BffClientError ? error.code : null}
      requestId={error instanceof BffClientError ? error.requestId : null}
      action={
        <Button variant="secondary" size="sm" onClick={retry}>
          Try again
        </Button>
      }
    />
  );
}

/** The overview tab: the diagram beside its verified envelope, the business review, drift findings. */
export function WorkflowOverview({
  wf,
  triggers,
  envelope,
  canManageKeys,
  keyFailureNotes,
  findings,
  driftNote,
  onCompare,
}: {
  wf: Workflow;
  triggers: UseQueryResult<Trigger[]>;
  envelope: Envelope | null;
  canManageKeys: boolean;
  keyFailureNotes: Record<string, string>;
  findings: DriftFinding[];
  driftNote: string;
  onCompare: (a: string, b: string) => void;
}) {
  return (
    <div className="flex flex-col gap-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="min-w-0">
          <CardHeader title="Diagram" description="What the author says the automation does." />
          <div className="px-5 py-4">
            <MermaidDiagram source={wf.manifest.diagram} name={wf.name} version={wf.version} />
          </div>
        </Card>
        <Card className="min-w-0">
          <CardHeader title="Verified envelope" description="What the platform lets this version do, whatever the diagram says." />
          {triggers.isPending ? (
            <SkeletonRows rows={5} label="Loading the envelope" />
          ) : triggers.isError ? (
            <LoadError title="The triggers could not be loaded" error={triggers.error} retry={() => void triggers.refetch()} />
          ) : envelope ? (
            <EnvelopePanel envelope={envelope} canManageKeys={canManageKeys} keyFailureNotes={keyFailureNotes} />
          ) : null}
        </Card>
      </div>
      <ReviewPanel workflow={wf} triggers={triggers.data} onCompare={onCompare} />
      <Card>
        <CardHeader title="Drift findings" description="Where the diagram and the envelope disagree." />
        <DriftPanel findings={findings} note={driftNote} />
      </Card>
    </div>
  );
}
