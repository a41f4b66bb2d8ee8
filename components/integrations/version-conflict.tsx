"use client";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { bodyFromConfig, type EditableBody } from "@/lib/integrations/body";
import { collapseContext, diffConfigs, type PartDiff } from "@/lib/integrations/diff";
import { rebaseBody, type Rebased } from "@/lib/integrations/rebase";
import { integrationVersionQuery, liveConfigQuery } from "@/lib/queries/integrations";
import type { IntegrationConfig } from "@/lib/schemas/integration";
import { explainMutationError } from "./errors";

function Changes({ title, diffs, testId }: { title: string; diffs: PartDiff[]; testId: string }) {
  const changed = diffs.filter((d) => d.changed);
  return (
    <section aria-label={title} data-testid={testId} className="min-w-0">
      <h3 className="text-sm font-semibold">{title}</h3>
      {changed.length === 0 ? <p className="text-sm text-slate-500">No changes.</p> : null}
      {changed.map((d) => (
        <details key={d.part} className="mt-2 rounded-md border border-slate-200 dark:border-slate-800" open={changed.length <= 2}>
          <summary className="cursor-pointer px-3 py-1.5 text-sm">
            {d.part} <span className="text-emerald-700 dark:text-emerald-300">+{d.added}</span>{" "}
            <span className="text-red-700 dark:text-red-300">−{d.removed}</span>
          </summary>
          <pre className="max-h-64 overflow-auto px-3 pb-2 text-xs">
            {collapseContext(d.lines).map((line, i) =>
              line === null ? (
                <span key={i} className="block text-slate-400">
                  …
                </span>
              ) : (
                <span
                  key={i}
                  className={
                    line.kind === "added"
                      ? "block bg-emerald-50 dark:bg-emerald-950/40"
                      : line.kind === "removed"
                        ? "block bg-red-50 dark:bg-red-950/40"
                        : "block"
                  }
                >
                  {line.kind === "added" ? "+ " : line.kind === "removed" ? "− " : "  "}
                  {line.text}
                </span>
              ),
            )}
          </pre>
        </details>
      ))}
    </section>
  );
}

/**
 * Shown when a publish was refused with VERSION_CONFLICT: what changed from the version you started
 * from to the live one, and what you changed, side by side; then "rebase my edits onto vN" (a
 * part-by-part merge, both-sides changes keep yours and are named) or "discard mine". Nothing is
 * published until the user validates and publishes again.
 */
export function VersionConflict({
  integrationId,
  baseVersion,
  liveVersion,
  mine,
  onRebase,
  onDiscard,
}: {
  integrationId: string;
  baseVersion: number;
  liveVersion: number | null;
  mine: EditableBody;
  onRebase: (rebased: Rebased, live: IntegrationConfig) => void;
  onDiscard: (live: IntegrationConfig) => void;
}) {
  const base = useQuery(integrationVersionQuery(integrationId, baseVersion));
  const live = useQuery(liveConfigQuery(integrationId, liveVersion));
  const liveBody = live.data ? bodyFromConfig(live.data) : null;
  const baseBody = base.data ? bodyFromConfig(base.data) : null;
  return (
    <Card className="border-amber-300 dark:border-amber-700" data-testid="version-conflict">
      <CardHeader
        title={`v${liveVersion ?? "?"} went live while you edited v${baseVersion}`}
        description="Nothing was published and nothing was overwritten. Compare the two sets of changes, then rebase your edits onto the live version or discard them."
      />
      <div role="alert" className="space-y-4 px-5 pb-5">
        {live.isError ? (
          <p className="text-sm text-red-700 dark:text-red-300">The live version could not be loaded: {explainMutationError(live.error)}</p>
        ) : null}
        {base.isError ? (
          <p className="text-sm text-amber-700 dark:text-amber-300">
            No console process has kept the content of v{baseVersion}, so only the live version and yours can be compared; rebasing keeps
            every part of yours.
          </p>
        ) : null}
        {liveBody ? (
          <div className="grid gap-4 lg:grid-cols-2">
            <Changes
              title={baseBody ? `v${baseVersion} → v${live.data?.version} (live)` : `Live v${live.data?.version} → yours`}
              diffs={diffConfigs(baseBody ?? liveBody, baseBody ? liveBody : mine)}
              testId="conflict-base-live"
            />
            {baseBody ? (
              <Changes title={`v${baseVersion} → yours`} diffs={diffConfigs(baseBody, mine)} testId="conflict-base-mine" />
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-slate-600" role="status">
            Loading the live version…
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          <Button
            disabled={!live.data || base.isPending}
            onClick={() => live.data && liveBody && onRebase(rebaseBody(baseBody ?? liveBody, liveBody, mine), live.data)}
          >
            Rebase my edits onto v{live.data?.version ?? liveVersion ?? "?"}
          </Button>
          <Button variant="secondary" disabled={!live.data} onClick={() => live.data && onDiscard(live.data)}>
            Discard mine
          </Button>
        </div>
      </div>
    </Card>
  );
}
