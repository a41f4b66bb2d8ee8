"use client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { DeclaredVariable } from "@/lib/secrets/usage";
import { UsedBy } from "./consumers";

/** Keys declared by workflows or integrations that the tenant has not set, each with an Add. */
export function MissingCard({
  missing,
  canAdd,
  partial,
  onAdd,
}: {
  missing: DeclaredVariable[];
  canAdd: (kind: DeclaredVariable["kind"]) => boolean;
  /** Which summaries the user could not read (fail open), to say the list may be incomplete. */
  partial: string[];
  onAdd: (variable: DeclaredVariable) => void;
}) {
  return (
    <Card aria-labelledby="missing-heading">
      <CardHeader
        title={<span id="missing-heading">Missing variables</span>}
        description={
          missing.length === 0
            ? "Every key your workflows and integrations declare is set."
            : `${missing.length} declared key${missing.length === 1 ? " is" : "s are"} not set; the workflows that read them fail at run time.`
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
