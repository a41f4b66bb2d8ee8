"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Person } from "@/components/people/person";
import { MutationError } from "@/components/ui/mutation-error";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { executionFiltersToSearchParams } from "@/lib/executions";
import { SAVED_VIEW_NAME_MAX, type SavedViewItem } from "@/lib/people/schemas";
import { createSavedViewMutation, deleteSavedViewMutation, savedViewsQuery, setDefaultSavedViewMutation } from "@/lib/queries/people";
import { useExecutionFilters } from "./use-execution-filters";

const SELECT = "max-w-[18rem] rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

/**
 * Saved views of the executions list: named filter sets, personal or shared with the tenant, and
 * one default per person (applied when the list opens without filters). Picking a view puts its
 * filters in the URL, so a view is also a shareable link.
 */
export function SavedViews() {
  const { parsed, filters, applyQuery } = useExecutionFilters();
  const views = useQuery(savedViewsQuery());
  const create = useMutation(createSavedViewMutation());
  const remove = useMutation(deleteSavedViewMutation());
  const setDefault = useMutation(setDefaultSavedViewMutation());
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<SavedViewItem | null>(null);
  const [form, setForm] = useState({ name: "", shared: false, makeDefault: false });

  const current = parsed.ok ? executionFiltersToSearchParams(filters).toString() : null;
  const items = views.data?.items ?? [];
  const selected = items.find((v) => v.query === current) ?? null;

  // The person's default view, once, when the list opened with no filters of its own.
  const startedEmpty = useRef(current === "");
  const defaultApplied = useRef(false);
  useEffect(() => {
    if (defaultApplied.current || !views.isSuccess) return;
    defaultApplied.current = true;
    const preferred = views.data.items.find((v) => v.isDefault);
    if (preferred && startedEmpty.current) void applyQuery(preferred.query);
  }, [views.isSuccess, views.data, applyQuery]);

  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (current === null || !form.name.trim()) return;
    create.mutate(
      { name: form.name.trim(), query: current, shared: form.shared },
      {
        onSuccess: (view) => {
          const done = () => {
            setSaving(false);
            setForm({ name: "", shared: false, makeDefault: false });
          };
          if (form.makeDefault) setDefault.mutate(view.id, { onSettled: done });
          else done();
        },
      },
    );
  }

  return (
    <div className="mb-4 flex flex-wrap items-end gap-2 text-sm" data-testid="saved-views">
      <label className="flex flex-col gap-1">
        <span className="text-xs font-medium text-slate-500">Saved views</span>
        <select
          aria-label="Saved view"
          className={SELECT}
          value={selected?.id ?? ""}
          disabled={!views.isSuccess}
          onChange={(e) => {
            const view = items.find((v) => v.id === e.target.value);
            void applyQuery(view ? view.query : "");
          }}
        >
          <option value="">
            {views.isPending
              ? "Loading views…"
              : views.isError
                ? "Views could not be loaded"
                : current
                  ? "Unsaved filters"
                  : items.length
                    ? "All runs (no view)"
                    : "No saved views yet"}
          </option>
          {items.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
              {v.shared ? " (shared)" : ""}
              {v.isDefault ? " · default" : ""}
            </option>
          ))}
        </select>
      </label>
      <Button
        size="sm"
        variant="secondary"
        disabled={current === null || current === ""}
        onClick={() => setSaving(true)}
        title={current === "" ? "Pick some filters first" : undefined}
      >
        Save current filters…
      </Button>
      {selected ? (
        <>
          <span className="text-xs text-slate-500" data-testid="saved-view-owner">
            {selected.shared ? "shared by " : "yours"}
            {selected.shared ? <Person id={selected.ownerId} /> : null}
          </span>
          <Button
            size="sm"
            variant="ghost"
            disabled={setDefault.isPending}
            onClick={() => setDefault.mutate(selected.isDefault ? null : selected.id)}
          >
            {selected.isDefault ? "Stop opening with this view" : "Open the list with this view"}
          </Button>
          {selected.canDelete ? (
            <Button size="sm" variant="ghost" onClick={() => setConfirmDelete(selected)}>
              Delete view
            </Button>
          ) : null}
        </>
      ) : null}
      <MutationError error={setDefault.error} />

      <Dialog open={saving} onClose={() => setSaving(false)} title="Save these filters as a view">
        <form onSubmit={onSave} className="space-y-3" aria-label="Save view">
          <label className="flex flex-col gap-1">
            <span className="text-sm font-medium">Name</span>
            <input
              autoFocus
              required
              maxLength={SAVED_VIEW_NAME_MAX}
              value={form.name}
              onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
              className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            />
          </label>
          <p className="break-all font-mono text-xs text-slate-500">{current ? decodeURIComponent(current) : ""}</p>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={form.shared} onChange={(e) => setForm((f) => ({ ...f, shared: e.target.checked }))} />
            Share with everyone in the tenant
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={form.makeDefault} onChange={(e) => setForm((f) => ({ ...f, makeDefault: e.target.checked }))} />
            Open the executions list with this view
          </label>
          <MutationError error={create.error} conflictHint="Pick another name, or delete the older view first." />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setSaving(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending || !form.name.trim()}>
              {create.isPending ? "Saving…" : "Save view"}
            </Button>
          </div>
        </form>
      </Dialog>

      <Dialog
        open={confirmDelete !== null}
        onClose={() => setConfirmDelete(null)}
        title={`Delete the view “${confirmDelete?.name ?? ""}”?`}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmDelete(null)}>
              Keep it
            </Button>
            <Button
              variant="danger"
              disabled={remove.isPending}
              onClick={() =>
                confirmDelete &&
                remove.mutate(confirmDelete.id, {
                  onSuccess: () => {
                    setConfirmDelete(null);
                  },
                })
              }
            >
              {remove.isPending ? "Deleting…" : "Delete view"}
            </Button>
          </>
        }
      >
        <p className="text-sm">
          {confirmDelete?.shared
            ? "It disappears for everyone in the tenant, and stops being anyone's default."
            : "Only the view goes; the runs stay as they are."}
        </p>
        <MutationError error={remove.error} />
      </Dialog>
    </div>
  );
}
