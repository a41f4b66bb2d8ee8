"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo } from "react";
import { markDiagram } from "@/components/diagram/perf";
import { preloadMermaid } from "@/components/diagram/preload-mermaid";
import { currentPageDiagramStored } from "@/components/diagram/stored-pages";
import { TriggersManager } from "@/components/triggers/triggers-manager";
import { Card } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Tabs } from "@/components/ui/tabs";
import { RunPanel } from "@/components/workflows/run-panel";
import { VersionsCompare } from "@/components/workflows/versions-compare";
import { formatWorkflowUrl, parseWorkflowUrl, type WorkflowTab, type WorkflowUrlState } from "@/components/workflows/versions-url";
import { WorkflowHeader } from "@/components/workflows/workflow-header";
import { LoadError, WorkflowOverview } from "@/components/workflows/workflow-overview";
import { compareVersions } from "@/lib/catalog";
import { detectDrift, runComparisonNote } from "@/lib/drift";
import { assembleEnvelope } from "@/lib/envelope";
import { reviewSettingsQuery, workflowReviewsQuery } from "@/lib/queries/reviews";
import { requirementsQuery } from "@/lib/queries/secrets";
import { usePermissions } from "@/lib/queries/use-permissions";
import { workflowQuery, workflowsQuery, workflowTriggersQuery } from "@/lib/queries/workflows";
import { recentRunsQuery, useRecentActivityTypes } from "@/lib/queries/workflows-activity";
import { reviewStateOf } from "@/lib/reviews/state";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { failuresOnKey, keyFailureNote } from "@/lib/secrets/missing";

// Drawing needs mermaid's chunk (hundreds of kB, fetched on demand): unless this page's diagram is
// already in the browser's store, start it while this module is evaluated, before hydration, so the
// download and compile overlap hydrating the page rather than following it.
if (typeof window !== "undefined" && !currentPageDiagramStored()) preloadMermaid();

/** /workflows/:id — header, then tabs: diagram and envelope, triggers, run, versions. */
export function WorkflowPage({ workflowId }: { workflowId: string }) {
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

  const setUrl = (next: Partial<WorkflowUrlState>) =>
    router.replace(`${pathname}${formatWorkflowUrl({ ...url, ...next })}`, { scroll: false });

  const wf = workflow.data;
  const versions = useMemo(
    () =>
      wf && all.data
        ? all.data.filter((w) => w.name === wf.name && w.visibility === wf.visibility).sort((x, y) => compareVersions(y.version, x.version))
        : [],
    [wf, all.data],
  );
  const summary = requirements.data?.workflows ?? null;
  const envelope = useMemo(
    () => (wf && triggers.data ? assembleEnvelope(wf, triggers.data, summary, { now, previewCount: 3 }) : null),
    [wf, triggers.data, summary, now],
  );
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
  const findings = useMemo(
    () => (wf ? detectDrift({ workflow: wf, activityTypesSeen: activity.comparison.types }) : []),
    [wf, activity.comparison.types],
  );
  const driftNote = runComparisonNote({
    ...activity,
    diagramReadable: !findings.some((f) => f.kind === "unreadable-diagram" || f.kind === "no-diagram"),
  });

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
        <LoadError
          title="This workflow could not be loaded"
          error={workflow.error ?? new Error("Unknown error")}
          retry={() => void workflow.refetch()}
        />
        <p className="px-5 pb-4 text-sm">
          <Link href="/workflows" className="text-brand-700 underline dark:text-brand-100">
            Back to all workflows
          </Link>
        </p>
      </Card>
    );
  }

  const retired = wf.status === "RETIRED";
  // A retired version runs nothing: no trigger or run controls, whatever the role.
  const canTriggers = permissions.has(PERMISSIONS.manageTriggers) && !retired;
  const canRun = permissions.has(PERMISSIONS.runWorkflow) && !retired;
  const latest = versions.find((v) => v.status !== "RETIRED");
  const overview = (
    <WorkflowOverview
      wf={wf}
      triggers={triggers}
      envelope={envelope}
      canManageKeys={permissions.has(PERMISSIONS.manageSecrets) || permissions.has(PERMISSIONS.manageConfigs)}
      keyFailureNotes={keyFailureNotes}
      findings={findings}
      driftNote={driftNote}
      onCompare={(a, b) => setUrl({ tab: "versions", a, b })}
    />
  );

  return (
    <>
      <WorkflowHeader wf={wf} latest={latest} reviewState={reviewState} canUpload={permissions.has(PERMISSIONS.uploadWorkflow)} />
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
                      reviewGate={{
                        required: reviewSettings.data?.requireReviewBeforeTriggers ?? false,
                        reviewed: reviewState === "reviewed",
                      }}
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
              <VersionsCompare
                versions={versions}
                currentId={wf.id}
                a={url.a}
                b={url.b}
                onPick={(a, b) => setUrl({ tab: "versions", a, b })}
                summary={summary}
              />
            ),
          },
        ]}
      />
    </>
  );
}
