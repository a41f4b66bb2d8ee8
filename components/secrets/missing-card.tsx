"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { recentFailedRunsQuery } from "@/lib/queries/key-failures";
import { failuresOnKey, keyFailureNote, missingKeySummary, type KeyFailure } from "@/lib/secrets/missing";
import type { DeclaredKey } from "@/lib/secrets/usage";
import { countOf } from "@/lib/text/count";
import { UsedBy } from "./consumers";

function FailureNote({ failures }: { failures: KeyFailure[] }) {
  const note = keyFailureNote(failures);
  const last = failures[0];
  if (!note || !last) return null;
  return (
    <div className="text-xs text-red-800 dark:text-red-300" data-testid="key-failure-note">
      {note}{" "}
      <Link className="underline" href={`/executions/${encodeURIComponent(last.workflowId)}/${encodeURIComponent(last.executionId)}`}>
        Open the last one
      </Link>
    </div>
  );
}

/**
 * Keys declared by workflows or integrations that the tenant has not set, each with an Add. It says
 * what is known (who declares the key; whether recent runs failed on it), never that runs will
 * fail: a manifest cannot mark a key optional, and many workflows fall back to built-in text.
 */
export function MissingCard({
  missing,
  canAdd,
  partial,
  onAdd,
}: {
  missing: DeclaredKey[];
  canAdd: (kind: DeclaredKey["kind"]) => boolean;
  /** Which summaries the user could not read (fail open), to say the list may be incomplete. */
  partial: string[];
  onAdd: (variable: DeclaredKey) => void;
}) {
  // Evidence, not prediction: the newest failed runs of the workflows that declare a missing key.
  const declarers = useMemo(
    () => [...new Set(missing.flatMap((v) => v.consumers.filter((c) => c.type === "workflow").map((c) => c.id)))],
    [missing],
  );
  const failedRuns = useQuery(recentFailedRunsQuery(declarers));
  const failures = useMemo(() => {
    const out = new Map<string, KeyFailure[]>();
    const runs = failedRuns.data?.items ?? [];
    for (const v of missing) {
      const ids = new Set(v.consumers.filter((c) => c.type === "workflow").map((c) => c.id));
      out.set(`${v.kind}:${v.group}:${v.key}`, failuresOnKey(v.key, ids, runs));
    }
    return out;
  }, [missing, failedRuns.data]);
  return (
    <Card aria-labelledby="missing-heading">
      <CardHeader
        title={<span id="missing-heading">Missing variables</span>}
        description={
          missing.length === 0
            ? "Every key your workflows and integrations declare is set."
            : `${countOf(missing.length, "declared key")} ${missing.length === 1 ? "is" : "are"} not set. Some workflows treat a key as optional; a row says when recent runs failed on its key.`
        }
      />
      {partial.length > 0 ? (
        <p className="px-5 pt-3 text-xs text-slate-600 dark:text-slate-400">
          Your role cannot read {partial.join(" or ")} requirements, so keys only they declare are not listed.
        </p>
      ) : null}
      {missing.length > 0 ? (
        <Table aria-label="Missing variables" stacked>
          <THead>
            <tr>
              <TH>Key</TH>
              <TH>Kind</TH>
              <TH>Group</TH>
              <TH>Declared by</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {missing.map((v) => (
              <TR key={`${v.kind}:${v.group}:${v.key}`} data-testid={`missing-row-${v.group}-${v.key}`}>
                <TD className="max-sm:basis-full">
                  <div className="break-all font-mono font-medium">{v.key}</div>
                  {v.description ? <div className="text-xs text-slate-600 dark:text-slate-400">{v.description}</div> : null}
                  <div className="text-xs text-slate-600 dark:text-slate-400">{missingKeySummary(v)}</div>
                  <FailureNote failures={failures.get(`${v.kind}:${v.group}:${v.key}`) ?? []} />
                </TD>
                <TD>
                  <Badge tone={v.kind === "SECRET" ? "warning" : "info"}>{v.kind === "SECRET" ? "Secret" : "Config"}</Badge>
                </TD>
                <TD>
                  <span className="font-mono">{v.group}</span>
                </TD>
                <TD className="max-sm:basis-full">
                  <UsedBy consumers={v.consumers} />
                </TD>
                <TD className="text-right max-sm:ml-auto">
                  {canAdd(v.kind) ? (
                    <Button size="sm" onClick={() => onAdd(v)} aria-label={`Add ${v.key} (${v.group})`}>
                      Add
                    </Button>
                  ) : null}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      ) : null}
    </Card>
  );
}
