"use client";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TD, TR } from "@/components/ui/table";
import type { SecretMeta } from "@/lib/schemas/secrets";
import { groupEntries } from "@/lib/secrets/groups";
import { consumersOf, type DeclaredKey } from "@/lib/secrets/usage";
import { UsedBy } from "./consumers";
import { GroupTable } from "./group-table";
import { Person } from "@/components/people/person";
import { formatWhen } from "./format";

/** Secret metadata grouped by group (`global` first); values are never part of this data. */

const COLUMNS = [
  { label: "Key", width: "w-[38%]" },
  { label: "Description", width: "w-[27%]" },
  { label: "Created", width: "w-[20%]" },
];

export function SecretsCard({
  secrets,
  declared,
  groupFilter,
  onAdd,
  onRotate,
  onDelete,
}: {
  secrets: SecretMeta[];
  /** Null when the requirements summaries could not be loaded (usage unknown). */
  declared: Map<string, DeclaredKey> | null;
  groupFilter: string | null;
  onAdd: () => void;
  onRotate: (secret: SecretMeta) => void;
  onDelete: (secret: SecretMeta) => void;
}) {
  const groups = groupEntries(secrets);
  return (
    <Card aria-labelledby="secrets-heading">
      <CardHeader
        title={<span id="secrets-heading">Secrets</span>}
        description="Write-once values read by workflows at run time. Values are never shown; to change one, rotate it."
        actions={<Button onClick={onAdd}>Add secret</Button>}
      />
      {groups.length === 0 ? (
        <EmptyState title={groupFilter ? `No secrets in group ${groupFilter}` : "No secrets yet"}>
          Add one, or fix a missing key above.
        </EmptyState>
      ) : (
        groups.map(({ group, entries }) => (
          <GroupTable key={group} noun="Secrets" group={group} columns={COLUMNS}>
            {entries.map((secret) => (
              <TR key={secret.id} data-testid={`secret-row-${secret.group}-${secret.key}`}>
                <TD className="max-sm:basis-full">
                  <div className="break-all font-mono font-medium">{secret.key}</div>
                  <UsedBy consumers={declared ? consumersOf(declared, "SECRET", secret.group, secret.key) : null} />
                </TD>
                <TD>{secret.description ?? <span className="text-slate-400">—</span>}</TD>
                <TD>
                  <div>{formatWhen(secret.createdAt)}</div>
                  <div className="text-xs text-slate-500">
                    by <Person id={secret.createdByUserId} />
                  </div>
                </TD>
                <TD className="whitespace-nowrap text-right max-sm:ml-auto">
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => onRotate(secret)}
                    aria-label={`Rotate ${secret.key} (${secret.group})`}
                  >
                    Rotate
                  </Button>{" "}
                  <Button size="sm" variant="ghost" onClick={() => onDelete(secret)} aria-label={`Delete ${secret.key} (${secret.group})`}>
                    Delete
                  </Button>
                </TD>
              </TR>
            ))}
          </GroupTable>
        ))
      )}
    </Card>
  );
}
