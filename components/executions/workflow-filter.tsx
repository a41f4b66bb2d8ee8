"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { compareVersions, groupWorkflowsByName, searchCatalog, type CatalogRow } from "@/lib/catalog";
import { workflowNameRef } from "@/lib/executions";
import { workflowsQuery } from "@/lib/queries/workflows";
import type { Workflow } from "@/lib/schemas/workflow";
import { countOf } from "@/lib/text/count";

/** What the workflow filter selects: whole workflows by name (`tenant:x` / `platform:x`) or single versions by id. */
export interface WorkflowSelection {
  workflowIds: string[];
  workflowNames: string[];
}

const OWNER = { TENANT: "Your workflow", GLOBAL: "Platform library" } as const;

function optionClass(pressed: boolean): string {
  return pressed
    ? "rounded-md bg-brand-600 px-2 py-1 text-left text-white"
    : "rounded-md px-2 py-1 text-left hover:bg-slate-100 focus-visible:bg-slate-100 dark:hover:bg-slate-800 dark:focus-visible:bg-slate-800";
}

function describe(selection: WorkflowSelection, workflows: readonly Workflow[] | undefined): string {
  const parts = [
    ...selection.workflowNames.map((ref) => {
      const [owner, name] = ref.split(":");
      return `${name ?? ref} (${owner === "platform" ? "platform" : "yours"}, all versions)`;
    }),
    ...selection.workflowIds.map((id) => {
      const w = workflows?.find((x) => x.id === id);
      return w ? `${w.name} v${w.version} (${w.visibility === "GLOBAL" ? "platform" : "yours"})` : id;
    }),
  ];
  return parts.length === 0 ? "All workflows" : parts.join(", ");
}

function NameGroup({
  row,
  selection,
  pick,
}: {
  row: CatalogRow<Workflow>;
  selection: WorkflowSelection;
  pick: (next: WorkflowSelection) => void;
}) {
  const ref = workflowNameRef(row);
  const owner = OWNER[row.visibility];
  const versions = [row.latest, ...row.older].sort((a, b) => compareVersions(b.version, a.version));
  const namePressed = selection.workflowNames.includes(ref);
  return (
    <li className="py-1">
      <button
        type="button"
        aria-pressed={namePressed}
        aria-label={`${row.name}, ${owner.toLowerCase()}, all versions`}
        className={`${optionClass(namePressed)} flex w-full flex-wrap items-center gap-2`}
        onClick={() => pick({ workflowIds: [], workflowNames: [ref] })}
      >
        <span className="font-medium">{row.name}</span>
        <Badge tone={row.visibility === "GLOBAL" ? "info" : "neutral"}>
          {row.visibility === "GLOBAL" ? "Platform" : row.latest.forkedFromWorkflowId ? "Your fork" : "Yours"}
        </Badge>
        <span className={namePressed ? "text-xs" : "text-xs text-slate-500"}>all {countOf(versions.length, "version")}</span>
      </button>
      <ul
        className="ml-4 mt-0.5 flex flex-wrap gap-1 border-l border-slate-200 pl-2 dark:border-slate-700"
        aria-label={`Versions of ${row.name} (${owner.toLowerCase()})`}
      >
        {versions.map((w) => {
          const pressed = selection.workflowIds.includes(w.id);
          return (
            <li key={w.id}>
              <button
                type="button"
                aria-pressed={pressed}
                aria-label={`${row.name} v${w.version}, ${owner.toLowerCase()}${w.status === "RETIRED" ? ", retired" : ""}`}
                className={`${optionClass(pressed)} font-mono text-xs`}
                onClick={() => pick({ workflowIds: [w.id], workflowNames: [] })}
              >
                v{w.version}
                {w.status === "RETIRED" ? <span className="ml-1 font-sans">(retired)</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
    </li>
  );
}

/**
 * The executions list's workflow filter: a searchable picker of workflow names, each with its
 * versions nested under it, the tenant's own (and forks) apart from the platform library's copies
 * of the same name. Retired versions are offered too, since their runs stay readable.
 */
export function WorkflowFilter({ value, onChange }: { value: WorkflowSelection; onChange: (next: WorkflowSelection) => void }) {
  const [open, setOpen] = useState(false);
  // The panel starts under the trigger, shifted left just enough to stay on screen.
  const [shift, setShift] = useState(0);
  const [q, setQ] = useState("");
  const panelId = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const workflows = useQuery(workflowsQuery({ includeRetired: true }));
  const catalog = useMemo(() => (workflows.data ? groupWorkflowsByName(workflows.data) : null), [workflows.data]);
  const tenant = catalog ? searchCatalog(catalog.tenant, q) : [];
  const platform = catalog ? searchCatalog(catalog.platform, q) : [];
  const none = value.workflowIds.length === 0 && value.workflowNames.length === 0;

  // Close on a click or focus outside the picker.
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (rootRef.current && e.target instanceof Node && !rootRef.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener("mousedown", away);
    document.addEventListener("focusin", away);
    return () => {
      document.removeEventListener("mousedown", away);
      document.removeEventListener("focusin", away);
    };
  }, [open]);

  const pick = (next: WorkflowSelection) => {
    onChange(next);
    setOpen(false);
    triggerRef.current?.focus();
  };

  return (
    <div
      ref={rootRef}
      className="relative flex flex-col gap-1"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          triggerRef.current?.focus();
        }
      }}
    >
      <span className="text-xs font-medium text-slate-500" id={`${panelId}-label`}>
        Workflow
      </span>
      <button
        ref={triggerRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-labelledby={`${panelId}-label ${panelId}-value`}
        className="max-w-full truncate rounded-md border border-slate-300 bg-white px-2 py-1 text-left sm:max-w-72 dark:border-slate-700 dark:bg-slate-900"
        onClick={() => {
          const rect = rootRef.current?.getBoundingClientRect();
          if (rect) {
            const width = Math.min(384, window.innerWidth - 40);
            setShift(Math.max(8 - rect.left, Math.min(0, window.innerWidth - 8 - width - rect.left)));
          }
          setOpen((o) => !o);
        }}
      >
        <span id={`${panelId}-value`}>{describe(value, workflows.data)}</span>
        <span aria-hidden="true" className="ml-1 text-slate-400">
          ▾
        </span>
      </button>
      {open ? (
        <div
          id={panelId}
          role="group"
          aria-label="Pick a workflow"
          style={{ left: shift }}
          className={`absolute top-full z-20 mt-1 flex max-h-[70vh] w-[min(24rem,calc(100vw-2.5rem))] flex-col gap-2 overflow-auto rounded-md border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900`}
        >
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-500">
            Search workflows
            <input
              type="search"
              autoFocus
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder="Name or description"
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-normal text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
            />
          </label>
          <button
            type="button"
            aria-pressed={none}
            className={optionClass(none)}
            onClick={() => pick({ workflowIds: [], workflowNames: [] })}
          >
            All workflows
          </button>
          {workflows.isPending ? (
            <p className="text-sm text-slate-500">Loading workflows…</p>
          ) : workflows.isError ? (
            <p role="alert" className="text-sm text-red-800 dark:text-red-200">
              The workflows could not be loaded: {workflows.error.message}
            </p>
          ) : tenant.length + platform.length === 0 ? (
            <p className="text-sm text-slate-500">No workflow matches “{q}”.</p>
          ) : (
            <>
              {[
                { title: "Your workflows", rows: tenant },
                { title: "Platform library", rows: platform },
              ].map((section) =>
                section.rows.length > 0 ? (
                  <section key={section.title} aria-label={section.title}>
                    <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{section.title}</h3>
                    <ul>
                      {section.rows.map((row) => (
                        <NameGroup key={row.key} row={row} selection={value} pick={pick} />
                      ))}
                    </ul>
                  </section>
                ) : null,
              )}
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
