"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo } from "react";
import { MermaidDiagram } from "@/components/diagram/mermaid-diagram";
import { markDiagram } from "@/components/diagram/perf";
import { preloadMermaid } from "@/components/diagram/preload-mermaid";
import { currentPageDiagramStored } from "@/components/diagram/stored-pages";
import { EnvelopePanel } from "@/components/envelope/envelope-panel";
import { ReviewBadge } from "@/components/reviews/review-badge";
import { ReviewPanel } from "@/components/reviews/review-panel";
import { WorkflowUsage } from "@/components/usage/workflow-usage";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Tabs } from "@/components/ui/tabs";
import { TriggersManager } from "@/components/triggers/triggers-manager";
import { DriftPanel } from "@/components/workflows/drift-panel";
import { RunPanel } from "@/components/workflows/run-panel";
import { WorkflowActions } from "@/components/workflows/workflow-actions";
import { VersionsCompare } from "@/components/workflows/versions-compare";
import { formatWorkflowUrl, parseWorkflowUrl, type WorkflowTab, type WorkflowUrlState } from "@/components/workflows/versions-url";
import { ActionChips, PublishedBy } from "@/components/workflows/workflow-bits";
import { compareVersions, executabilityOf } from "@/lib/catalog";
import { detectDrift, runComparisonNote } from "@/lib/drift";
import { assembleEnvelope } from "@/lib/envelope";
import { BffClientError } from "@/lib/queries/fetcher";
import { reviewSettingsQuery, workflowReviewsQuery } from "@/lib/queries/reviews";
import { requirementsQuery } from "@/lib/queries/secrets";
import { reviewStateOf } from "@/lib/reviews/state";
import { recentRunsQuery, useRecentActivityTypes } from "@/lib/queries/workflows-activity";
import { failuresOnKey, keyFailureNote } from "@/lib/secrets/missing";
import { usePermissions } from "@/lib/queries/use-permissions";
import { workflowQuery, workflowsQuery, workflowTriggersQuery } from "@/lib/queries/workflows";
import { PERMISSIONS } from "@/lib/schemas/permissions";

// Drawing needs mermaid's chunk (hundreds of kB, fetched on demand): unless this page's diagram is
// already in the browser's store, start it while this module is evaluated, before hydration, so the
// download and compile overlap hydrating the page rather than following it.
if (typeof window !== "undefined" && !currentPageDiagramStored()) preloadMermaid();

function LoadError({ title, error, retry }: { title: string; error: Error; retry: () => void }) {
  return (
    <ErrorState
      title={title}
      message={error instanceof BffClientError && error.status === 404 ? "This workflow does not exist, was retired, or is not visible to your tenant." : error.message}
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

/** Client body of /workflows/:id — diagram beside its verified envelope, drift, versions. */
export function WorkflowPageClient({ workflowId }: { workflowId: string }) {
  const router = useRouter();
  useEffect(() => markDiagram("page-hydrated"), []);
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const url = parseWorkflowUrl(searchParams);
  const permissions = usePermissions();
  const workflow = useQuery(workflowQuery(workflowId));
  const triggers = useQuery(workflowTriggersQuery(workflowId));
  const wfRetired = workflow.data?.status === "RETIRED";
  // A retired version is not in the default list, so its versions come from the list with retired rows.
  const all = useQuery(workflowsQuery({ includeRetired: wfRetired }));
  const requirements = useQuery(requirementsQuery());
  const now = useMemo(() => new Date(), []);
  const reviews = useQuery(workflowReviewsQuery(workflowId));
  const reviewSettings = useQuery(reviewSettingsQuery());
  const reviewState = reviews.data ? reviewStateOf(reviews.data[0] ?? null) : null;

  const setUrl = (next: Partial<WorkflowUrlState>) => router.replace(`${pathname}${formatWorkflowUrl({ ...url, ...next })}`, { scroll: false });

  const wf = workflow.data;
  const versions = useMemo(
    () => (wf && all.data ? all.data.filter((w) => w.name === wf.name && w.visibility === wf.visibility).sort((x, y) => compareVersions(y.version, x.version)) : []),
    [wf, all.data],
  );
  const summary = requirements.data?.workflows ?? null;
  const envelope = useMemo(() => (wf && triggers.data ? assembleEnvelope(wf, triggers.data, summary, { now, previewCount: 3 }) : null), [wf, triggers.data, summary, now]);
  const activity = useRecentActivityTypes(workflowId);
  // Evidence for unset keys: did one of the recent runs (the drift check's, same query) fail on it?
  const recentRuns = useQuery(recentRunsQuery(workflowId));
  const keyFailureNotes = useMemo(() => {
    const notes: Record<string, string> = {};
    const runs = recentRuns.data?.items ?? [];
    if (!envelope || runs.length === 0) return notes;
    for (const k of [...envelope.secrets, ...envelope.configs]) {
      if (k.present !== false) continue;
      const note = keyFailureNote(failuresOnKey(k.key, new Set([workflowId]), runs));
      if (note) notes[`${k.kind}:${k.group}/${k.key}`] = note;
    }
    return notes;
  }, [envelope, recentRuns.data, workflowId]);
  const findings = useMemo(() => (wf ? detectDrift({ workflow: wf, activityTypesSeen: activity.comparison.types }) : []), [wf, activity.comparison.types]);
  const driftNote = runComparisonNote({ ...activity, diagramReadable: !findings.some((f) => f.kind === "unreadable-diagram" || f.kind === "no-diagram") });

  if (workflow.isPending) {
    return (
      <Card>
        <SkeletonRows rows={6} label="Loading the workflow" />
      </Card>
    );
  }
  if (workflow.isError || !wf) {
    return (
      <Card>
        <LoadError title="This workflow could not be loaded" error={workflow.error ?? new Error("Unknown error")} retry={() => void workflow.refetch()} />
        <p className="px-5 pb-4 text-sm">
          <Link href="/workflows" className="text-brand-700 underline dark:text-brand-100">
            Back to all workflows
          </Link>
        </p>
      </Card>
    );
  }

  const exec = executabilityOf(wf);
  const retired = wf.status === "RETIRED";
  // A retired version runs nothing: no trigger or run controls, whatever the role.
  const canTriggers = permissions.has(PERMISSIONS.manageTriggers) && !retired;
  const canRun = permissions.has(PERMISSIONS.runWorkflow) && !retired;
  const latest = versions.find((v) => v.status !== "RETIRED");
  const runsHref = `/executions?${new URLSearchParams({ workflow: wf.id }).toString()}`;
  const overview = (
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
            <EnvelopePanel
              envelope={envelope}
              canManageKeys={permissions.has(PERMISSIONS.manageSecrets) || permissions.has(PERMISSIONS.manageConfigs)}
              keyFailureNotes={keyFailureNotes}
            />
          ) : null}
        </Card>
      </div>
      <ReviewPanel workflow={wf} triggers={triggers.data} onCompare={(a, b) => setUrl({ tab: "versions", a, b })} />
      <Card>
        <CardHeader title="Drift findings" description="Where the diagram and the envelope disagree." />
        <DriftPanel findings={findings} note={driftNote} />
      </Card>
    </div>
  );

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/workflows" className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-100">
          Workflows
        </Link>
        <span aria-hidden="true" className="mx-1 text-slate-400">
          /
        </span>
        <span>{wf.name}</span>
      </nav>
      <PageHeader
        title={`${wf.name} v${wf.version}`}
        actions={<WorkflowActions workflow={wf} canUpload={permissions.has(PERMISSIONS.uploadWorkflow)} />}
        description={
          <span className="flex flex-col gap-2">
            <span>{wf.manifest.description ?? "No description."}</span>
            <span className="flex flex-wrap items-center gap-2 text-xs">
              <Badge tone={wf.visibility === "GLOBAL" ? "info" : "neutral"}>{wf.visibility === "GLOBAL" ? "Platform library" : "Your workflow"}</Badge>
              <span title={exec.hint ?? undefined}>
                <Badge tone={exec.kind === "retired" ? "danger" : exec.kind === "curated" ? "info" : exec.kind === "executable" ? "success" : "warning"}>{exec.label}</Badge>
              </span>
              {latest && latest.id !== wf.id ? (
                <Link href={`/workflows/${latest.id}`} className="text-brand-700 underline dark:text-brand-100">
                  A newer version exists: v{latest.version}
                </Link>
              ) : null}
              {reviewState ? <ReviewBadge state={reviewState} /> : null}
              <PublishedBy wf={wf} />
              <Link href={runsHref} className="text-brand-700 underline dark:text-brand-100">
                Runs of this version
              </Link>
            </span>
            <ActionChips ids={wf.manifest.requiredActions} />
            <WorkflowUsage workflowName={wf.name} />
          </span>
        }
      />
      {retired ? (
        <div data-testid="retired-notice" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100">
          <p className="font-semibold">
            This version is retired{wf.retiredAt ? <> since <time dateTime={wf.retiredAt}>{new Date(wf.retiredAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC</time></> : null}.
          </p>
          <p className="mt-1">
            It can no longer be run, triggered, forked or downloaded. Its diagram, envelope and <Link href={runsHref} className="underline">past runs</Link> stay readable.
          </p>
        </div>
      ) : null}
      <Tabs
        label="Workflow sections"
        value={url.tab}
        onChange={(id) => setUrl({ tab: id as WorkflowTab })}
        items={[
          { id: "overview", label: "Diagram and envelope", content: overview },
          ...(canTriggers
            ? [
                {
                  id: "triggers",
                  label: "Triggers",
                  content: triggers.data ? (
                    <TriggersManager
                      workflowId={wf.id}
                      triggers={triggers.data}
                      reviewGate={{ required: reviewSettings.data?.requireReviewBeforeTriggers ?? false, reviewed: reviewState === "reviewed" }}
                    />
                  ) : triggers.isError ? (
                    <Card>
                      <LoadError title="The triggers could not be loaded" error={triggers.error} retry={() => void triggers.refetch()} />
                    </Card>
                  ) : (
                    <Card>
                      <SkeletonRows rows={3} label="Loading triggers" />
                    </Card>
                  ),
                },
              ]
            : []),
          ...(canRun ? [{ id: "run", label: "Run", content: <RunPanel workflow={wf} /> }] : []),
          {
            id: "versions",
            label: `Versions (${versions.length || 1})`,
            content: all.isError ? (
              <Card>
                <LoadError title="The versions could not be loaded" error={all.error} retry={() => void all.refetch()} />
              </Card>
            ) : all.isPending ? (
              <Card>
                <SkeletonRows rows={4} label="Loading versions" />
              </Card>
            ) : (
              <VersionsCompare versions={versions} currentId={wf.id} a={url.a} b={url.b} onPick={(a, b) => setUrl({ tab: "versions", a, b })} summary={summary} />
            ),
          },
        ]}
      />
    </>
  );
}
