"use client";
import { hasReason, ReasonField } from "@/components/audit/reason-field";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Person } from "@/components/people/person";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { VersionRow } from "@/lib/integrations/schemas";
import { BffClientError } from "@/lib/queries/fetcher";
import { integrationVersionsQuery, rollbackConfigMutation } from "@/lib/queries/integrations";
import { gateReportSchema, type GateReport } from "@/lib/schemas/integration";
import { explainMutationError } from "./errors";
import { GateReportView } from "./gate-report";
import { QueryFailure } from "@/components/ui/query-failure";
import { VersionDiff, when } from "./version-diff";

/**
 * Version history of the tenant's own lineage: who published and when, a diff of any two
 * versions (chosen in the URL), and rollback of an older version behind a confirmation.
 */
export function VersionsPanel({
  integrationId,
  canPublish,
  diff,
  onDiffChange,
}: {
  integrationId: string;
  canPublish: boolean;
  diff: [number, number] | null;
  onDiffChange: (pair: [number, number] | null) => void;
}) {
  const versions = useQuery(integrationVersionsQuery(integrationId));
  const [confirm, setConfirm] = useState<VersionRow | null>(null);
  const [rollbackReport, setRollbackReport] = useState<GateReport | null>(null);
  const [reason, setReason] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const rollback = useMutation(rollbackConfigMutation(integrationId));

  if (versions.isPending)
    return (
      <Card>
        <SkeletonRows rows={4} label="Loading versions" />
      </Card>
    );
  if (versions.isError)
    return <QueryFailure title="Versions could not be loaded" error={versions.error} retry={() => void versions.refetch()} />;
  const rows = versions.data;
  if (rows.length === 0) {
    return (
      <Card>
        <EmptyState title="No versions of your own">Your tenant uses the platform config. Fork it to edit your own version.</EmptyState>
      </Card>
    );
  }
  const numbers = rows.map((r) => r.version);
  const pair: [number, number] | null = diff && numbers.includes(diff[0]) && numbers.includes(diff[1]) ? diff : null;

  async function doRollback(row: VersionRow) {
    setRollbackReport(null);
    try {
      const next = await rollback.mutateAsync({ version: row.version, reason });
      setConfirm(null);
      setReason("");
      setNotice(`Rolled back: v${row.version} is now live again as v${next.version}.`);
      onDiffChange([row.version, next.version]);
    } catch (error) {
      if (error instanceof BffClientError && error.code === "GATE_FAILED") {
        const parsed = gateReportSchema.safeParse(error.extras.report);
        if (parsed.success) setRollbackReport(parsed.data);
      }
    }
  }

  return (
    <div className="space-y-4">
      {notice ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
          {notice}
        </p>
      ) : null}
      <Card>
        <CardHeader
          title="Version history"
          description="Newest first. Rolling back copies an older version forward as a new version, re-checked by the gate."
        />
        <Table>
          <THead>
            <TR>
              <TH>Version</TH>
              <TH>Status</TH>
              <TH>Published by</TH>
              <TH>When</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {rows.map((row, i) => {
              const previous = rows[i + 1];
              return (
                <TR key={row.id}>
                  <TD>
                    v{row.version}
                    {row.forkedFromVersion !== null ? (
                      <div className="text-xs text-slate-500">forked from platform v{row.forkedFromVersion}</div>
                    ) : null}
                  </TD>
                  <TD>{row.status === "PUBLISHED" ? <Badge tone="success">live</Badge> : <Badge>superseded</Badge>}</TD>
                  <TD className="text-xs" data-testid="version-published-by">
                    <Person id={row.publishedBy} fallback="—" />
                  </TD>
                  <TD className="text-xs">{when(row.createdAt)}</TD>
                  <TD className="whitespace-nowrap text-right">
                    {previous ? (
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => onDiffChange([previous.version, row.version])}
                        aria-label={`Compare v${previous.version} with v${row.version}`}
                      >
                        Diff with v{previous.version}
                      </Button>
                    ) : null}
                    {canPublish && row.status === "SUPERSEDED" ? (
                      <Button
                        variant="secondary"
                        size="sm"
                        onClick={() => {
                          setRollbackReport(null);
                          rollback.reset();
                          setConfirm(row);
                        }}
                      >
                        Roll back to v{row.version}
                      </Button>
                    ) : null}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      </Card>
      <Card className="p-5">
        <div className="flex flex-wrap items-end gap-3">
          <h3 className="mr-2 text-base font-semibold">Compare versions</h3>
          {(["older", "newer"] as const).map((side, k) => (
            <label key={side} className="text-sm">
              <span className="mr-1">{side === "older" ? "From" : "To"}</span>
              <select
                className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
                value={pair ? pair[k] : ""}
                onChange={(e) => {
                  const v = Number(e.target.value);
                  const other = pair ? pair[1 - k] : (numbers.find((n) => n !== v) ?? v);
                  if (v && other && v !== other) onDiffChange(k === 0 ? [v, other] : [other, v]);
                }}
              >
                <option value="" disabled>
                  choose
                </option>
                {numbers.map((n) => (
                  <option key={n} value={n}>
                    v{n}
                  </option>
                ))}
              </select>
            </label>
          ))}
          {pair ? (
            <Button variant="ghost" size="sm" onClick={() => onDiffChange(null)}>
              Clear
            </Button>
          ) : null}
        </div>
        {pair ? (
          <VersionDiff integrationId={integrationId} from={pair[0]} to={pair[1]} rows={rows} />
        ) : (
          <p className="mt-3 text-sm text-slate-500">Choose two versions to see what changed, part by part.</p>
        )}
      </Card>
      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm ? `Roll back to v${confirm.version}?` : "Roll back"}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirm(null)}>
              Cancel
            </Button>
            <Button disabled={rollback.isPending || !hasReason(reason)} onClick={() => confirm && void doRollback(confirm)}>
              {rollback.isPending ? "Rolling back…" : `Roll back to v${confirm?.version ?? ""}`}
            </Button>
          </>
        }
      >
        <p className="text-sm">
          The content of v{confirm?.version} becomes a new live version. The gate checks it again against today&apos;s floor; if it fails,
          nothing changes.
        </p>
        <ReasonField value={reason} onChange={setReason} disabled={rollback.isPending} />
        {rollback.isError && !rollbackReport ? (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
            {explainMutationError(rollback.error)}
          </p>
        ) : null}
        {rollbackReport ? (
          <div className="mt-3 max-h-80 overflow-auto" role="alert">
            <p className="mb-2 text-sm font-medium">This version no longer passes the gate; nothing was changed.</p>
            <GateReportView report={rollbackReport} />
          </div>
        ) : null}
      </Dialog>
    </div>
  );
}
