"use client";
import { useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BffClientError } from "@/lib/queries/fetcher";
import { TD, TR } from "@/components/ui/table";
import type { ConfigEntry } from "@/lib/schemas/secrets";
import { validateConfigEdit, type FieldErrors } from "@/lib/secrets/form";
import { groupEntries } from "@/lib/secrets/groups";
import { consumersOf, type DeclaredKey } from "@/lib/secrets/usage";
import { UsedBy } from "./consumers";
import { GroupTable } from "./group-table";
import { formatWhen } from "./format";
import { MutationError } from "@/components/ui/mutation-error";
import { useUpdateConfig } from "@/lib/queries/secrets";

function EditRow({ entry, onDone }: { entry: ConfigEntry; onDone: () => void }) {
  const update = useUpdateConfig();
  const [value, setValue] = useState(entry.value);
  const [description, setDescription] = useState(entry.description ?? "");
  const [errors, setErrors] = useState<FieldErrors<"group" | "value" | "description">>({});
  // The version of the value this edit started from: a save is refused (409) if it changed meanwhile.
  const [base, setBase] = useState(entry.updatedAt);
  const conflict = update.error instanceof BffClientError && update.error.code === "VALUE_CONFLICT";

  function save(from = base) {
    const checked = validateConfigEdit({ group: entry.group, value, description });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    update.mutate({ key: entry.key, ...checked.data, baseUpdatedAt: from }, { onSuccess: onDone });
  }
  /** After seeing the newer value: save mine over it, deliberately. */
  function overwrite() {
    setBase(entry.updatedAt);
    save(entry.updatedAt);
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      save();
    } else if (event.key === "Escape") {
      event.preventDefault();
      onDone();
    }
  }
  return (
    <TR data-testid={`config-row-${entry.group}-${entry.key}`}>
      <TD className="max-sm:basis-full">
        <div className="break-all font-mono font-medium">{entry.key}</div>
      </TD>
      <TD colSpan={2} className="max-sm:basis-full">
        <div className="space-y-2">
          <input
            aria-label={`Value of ${entry.key}`}
            className="w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
            value={value}
            autoFocus
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={onKeyDown}
          />
          {errors.value ? <p className="text-xs text-red-700">{errors.value}</p> : null}
          <input
            aria-label={`Description of ${entry.key}`}
            placeholder="Description"
            maxLength={500}
            className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            onKeyDown={onKeyDown}
          />
          {errors.description ? <p className="text-xs text-red-700">{errors.description}</p> : null}
          {conflict ? (
            <div
              role="alert"
              data-testid="config-conflict"
              className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
            >
              <p className="font-medium">Not saved: this value changed while you were editing it.</p>
              <p className="mt-1">{update.error?.message}.</p>
              {entry.updatedAt !== base ? (
                <p className="mt-1">
                  Now: <span className="break-all font-mono">{entry.value === "" ? "(empty)" : entry.value}</span> (updated{" "}
                  {formatWhen(entry.updatedAt)})
                </p>
              ) : null}
              <div className="mt-2 flex flex-wrap gap-2">
                <Button size="sm" variant="secondary" onClick={onDone}>
                  Discard mine
                </Button>
                {entry.updatedAt !== base ? (
                  <Button size="sm" variant="danger" onClick={overwrite} disabled={update.isPending}>
                    Save mine over it
                  </Button>
                ) : null}
              </div>
            </div>
          ) : (
            <MutationError error={update.error} />
          )}
        </div>
      </TD>
      <TD className="whitespace-nowrap text-right max-sm:ml-auto">
        <Button size="sm" onClick={() => save()} disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save"}
        </Button>{" "}
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </TD>
    </TR>
  );
}

/** Config entries with values, grouped by group; edit in place (PUT upsert with the entry's group). */

const COLUMNS = [
  { label: "Key", width: "w-[33%]" },
  { label: "Value", width: "w-[27%]" },
  { label: "Description", width: "w-[25%]" },
];

export function ConfigsCard({
  configs,
  declared,
  groupFilter,
  onAdd,
  onDelete,
}: {
  configs: ConfigEntry[];
  /** Null when the requirements summaries could not be loaded (usage unknown). */
  declared: Map<string, DeclaredKey> | null;
  groupFilter: string | null;
  onAdd: () => void;
  onDelete: (entry: ConfigEntry) => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const groups = groupEntries(configs);
  return (
    <Card aria-labelledby="configs-heading">
      <CardHeader
        title={<span id="configs-heading">Config</span>}
        description="Plain key/value settings read by workflows at run time."
        actions={<Button onClick={onAdd}>Add config</Button>}
      />
      {groups.length === 0 ? (
        <EmptyState title={groupFilter ? `No config in group ${groupFilter}` : "No config yet"}>
          Add an entry, or fix a missing key above.
        </EmptyState>
      ) : (
        groups.map(({ group, entries }) => (
          <GroupTable key={group} noun="Config" group={group} columns={COLUMNS}>
            {entries.map((entry) =>
              editing === entry.id ? (
                <EditRow key={entry.id} entry={entry} onDone={() => setEditing(null)} />
              ) : (
                <TR key={entry.id} data-testid={`config-row-${entry.group}-${entry.key}`}>
                  <TD className="max-sm:basis-full">
                    <div className="break-all font-mono font-medium">{entry.key}</div>
                    <UsedBy consumers={declared ? consumersOf(declared, "CONFIG", entry.group, entry.key) : null} />
                  </TD>
                  <TD>
                    {entry.value === "" ? (
                      <span className="text-slate-400">(empty)</span>
                    ) : (
                      <span className="break-all font-mono">{entry.value}</span>
                    )}
                  </TD>
                  <TD>
                    <div>{entry.description ?? <span className="text-slate-400">—</span>}</div>
                    <div className="text-xs text-slate-500">updated {formatWhen(entry.updatedAt)}</div>
                  </TD>
                  <TD className="whitespace-nowrap text-right max-sm:ml-auto">
                    <Button
                      size="sm"
                      variant="secondary"
                      onClick={() => setEditing(entry.id)}
                      aria-label={`Edit ${entry.key} (${entry.group})`}
                    >
                      Edit
                    </Button>{" "}
                    <Button size="sm" variant="ghost" onClick={() => onDelete(entry)} aria-label={`Delete ${entry.key} (${entry.group})`}>
                      Delete
                    </Button>
                  </TD>
                </TR>
              ),
            )}
          </GroupTable>
        ))
      )}
    </Card>
  );
}
