"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { hasReason, ReasonField } from "@/components/audit/reason-field";
import { MutationError } from "@/components/ui/mutation-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { reasonHeaders } from "@/lib/audit/actions";
import { bffFetch } from "@/lib/queries/fetcher";
import { eventTypesQuery, workflowKeys } from "@/lib/queries/workflows";
import { triggerSchema, type Trigger } from "@/lib/schemas/trigger";
import { describeTrigger, formatUtcMinute } from "@/lib/triggers";
import { z } from "zod";
import { TriggerForm, type TriggerFormValue } from "./trigger-form";

type Editing = { mode: "add" } | { mode: "edit"; trigger: Trigger } | null;

/** Add, edit, enable/disable and delete a workflow's triggers (workflow:manage_triggers only). */
export function TriggersManager({ workflowId, triggers }: { workflowId: string; triggers: Trigger[] }) {
  const queryClient = useQueryClient();
  const eventTypes = useQuery(eventTypesQuery());
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Trigger | null>(null);
  const [deleteReason, setDeleteReason] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const now = useMemo(() => new Date(), []);
  const base = `/api/workflows/${encodeURIComponent(workflowId)}/triggers`;
  const invalidate = () => queryClient.invalidateQueries({ queryKey: workflowKeys.triggers(workflowId) });

  const save = useMutation({
    mutationFn: async ({ value, trigger }: { value: TriggerFormValue; trigger: Trigger | null }) => {
      const body =
        value.kind === "SCHEDULE"
          ? trigger
            ? { cronExpression: value.cronExpression }
            : { kind: "SCHEDULE", cronExpression: value.cronExpression }
          : trigger
            ? { eventType: value.eventType, filter: value.filter }
            : { kind: "EVENT", eventType: value.eventType, ...(value.filter ? { filter: value.filter } : {}) };
      const path = trigger ? `${base}/${encodeURIComponent(trigger.id)}` : base;
      return bffFetch(path, triggerSchema, { method: trigger ? "PATCH" : "POST", body: JSON.stringify(body) });
    },
    onSuccess: (saved, { trigger }) => {
      setEditing(null);
      setNotice(`${trigger ? "Saved" : "Added"}: ${describeTrigger(saved).headline}`);
      void invalidate();
    },
  });
  const toggle = useMutation({
    mutationFn: (t: Trigger) => bffFetch(`${base}/${encodeURIComponent(t.id)}`, triggerSchema, { method: "PATCH", body: JSON.stringify({ enabled: !t.enabled }) }),
    onSuccess: (t) => {
      setNotice(`${t.enabled ? "Enabled" : "Disabled"}: ${describeTrigger(t).headline}`);
      void invalidate();
    },
  });
  const remove = useMutation({
    mutationFn: ({ trigger: t, reason }: { trigger: Trigger; reason: string }) =>
      bffFetch(`${base}/${encodeURIComponent(t.id)}`, z.object({ deleted: z.literal(true) }), { method: "DELETE", headers: reasonHeaders(reason) }),
    onSuccess: (_d, { trigger: t }) => {
      setDeleting(null);
      setDeleteReason("");
      setNotice(`Deleted: ${describeTrigger(t).headline}`);
      void invalidate();
    },
  });

  const customTypes = eventTypes.data ?? [];
  return (
    <Card>
      <CardHeader
        title="Triggers"
        description="What starts this version automatically. Schedules are in UTC."
        actions={
          editing ? null : (
            <Button
              size="sm"
              onClick={() => {
                save.reset();
                setEditing({ mode: "add" });
              }}
            >
              Add trigger
            </Button>
          )
        }
      />
      <CardBody className="flex flex-col gap-4">
        {notice ? (
          <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
            {notice}
          </p>
        ) : null}
        {toggle.error ? <MutationError error={toggle.error} /> : null}
        {editing?.mode === "add" ? (
          <div className="rounded-md border border-slate-200 p-4 dark:border-slate-800">
            <h3 className="mb-3 text-sm font-semibold">New trigger</h3>
            <TriggerForm initial={null} customTypes={customTypes} pending={save.isPending} submitLabel="Add trigger" onCancel={() => setEditing(null)} onSubmit={(value) => save.mutate({ value, trigger: null })} />
            <div className="mt-3">
              <MutationError error={save.error} />
            </div>
          </div>
        ) : null}
        {triggers.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No triggers yet: this version only runs when started by hand.</p> : null}
        <ul className="flex flex-col divide-y divide-slate-200 dark:divide-slate-800">
          {triggers.map((t) => {
            const w = describeTrigger(t, { now, previewCount: 3, customTypes });
            const isEditing = editing?.mode === "edit" && editing.trigger.id === t.id;
            return (
              <li key={t.id} className="flex flex-col gap-2 py-3 text-sm" data-testid={`trigger-row-${t.id}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={t.kind === "SCHEDULE" ? "info" : "neutral"}>{w.badge}</Badge>
                  {t.enabled ? <Badge tone="success">Enabled</Badge> : <Badge tone="warning">Disabled</Badge>}
                  <span className="font-medium">{w.headline}</span>
                  {t.cronExpression ? <code className="font-mono text-xs text-slate-500">{t.cronExpression}</code> : null}
                </div>
                {w.conditions ? <p>Only when {w.conditions}.</p> : null}
                {w.nextRuns.length > 0 ? <p className="text-slate-600 dark:text-slate-400">Next runs at {w.nextRuns.map(formatUtcMinute).join(", ")} (UTC).</p> : null}
                {w.warning ? <p className="text-amber-800 dark:text-amber-300">{w.warning}</p> : null}
                {isEditing ? (
                  <div className="rounded-md border border-slate-200 p-4 dark:border-slate-800">
                    <TriggerForm initial={t} customTypes={customTypes} pending={save.isPending} submitLabel="Save trigger" onCancel={() => setEditing(null)} onSubmit={(value) => save.mutate({ value, trigger: t })} />
                    <div className="mt-3">
                      <MutationError error={save.error} />
                    </div>
                  </div>
                ) : (
                  <div className="flex flex-wrap gap-2">
                    <Button variant="secondary" size="sm" onClick={() => toggle.mutate(t)} disabled={toggle.isPending}>
                      {t.enabled ? "Disable" : "Enable"}
                      <span className="sr-only"> {w.headline}</span>
                    </Button>
                    <Button
                      variant="secondary"
                      size="sm"
                      onClick={() => {
                        save.reset();
                        setEditing({ mode: "edit", trigger: t });
                      }}
                    >
                      Edit<span className="sr-only"> {w.headline}</span>
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => {
                        remove.reset();
                        setDeleteReason("");
                        setDeleting(t);
                      }}
                    >
                      Delete<span className="sr-only"> {w.headline}</span>
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </CardBody>
      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this trigger?"
        footer={
          <>
            <Button variant="secondary" onClick={() => setDeleting(null)}>
              Keep it
            </Button>
            <Button variant="danger" onClick={() => deleting && remove.mutate({ trigger: deleting, reason: deleteReason })} disabled={remove.isPending || !hasReason(deleteReason)}>
              {remove.isPending ? "Deleting…" : "Delete trigger"}
            </Button>
          </>
        }
      >
        {deleting ? (
          <div className="flex flex-col gap-3 text-sm">
            <p>
              “{describeTrigger(deleting).headline}” will stop starting this workflow. This cannot be undone; to pause it instead, disable it.
            </p>
            <ReasonField value={deleteReason} onChange={setDeleteReason} disabled={remove.isPending} />
            <MutationError error={remove.error} />
          </div>
        ) : null}
      </Dialog>
    </Card>
  );
}
