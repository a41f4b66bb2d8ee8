"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { hasReason, ReasonField } from "@/components/audit/reason-field";
import { MutationError } from "@/components/ui/mutation-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { BffClientError } from "@/lib/queries/fetcher";
import { deleteTriggerMutation, saveTriggerMutation, toggleTriggerMutation } from "@/lib/queries/triggers";
import { eventTypesQuery } from "@/lib/queries/workflows";
import type { Trigger } from "@/lib/schemas/trigger";
import { describeTrigger, formatUtcMinute } from "@/lib/triggers";
import { TriggerForm, type TriggerFormValue } from "./trigger-form";

type Editing = { mode: "add" } | { mode: "edit"; trigger: Trigger } | null;

/** The tenant's review rule as it applies to this version. */
export interface ReviewGate {
  /** The tenant requires a current sign-off before a trigger is enabled. */
  required: boolean;
  /** This version's newest review is a current "matches our rules". */
  reviewed: boolean;
}

/** A trigger change waiting for the "enable on an unreviewed version" confirmation. */
type Pending = { kind: "add"; value: TriggerFormValue } | { kind: "enable"; trigger: Trigger } | null;

/** Add, edit, enable/disable and delete a workflow's triggers (workflow:manage_triggers only). */
export function TriggersManager({
  workflowId,
  triggers,
  reviewGate = { required: false, reviewed: true },
}: {
  workflowId: string;
  triggers: Trigger[];
  reviewGate?: ReviewGate;
}) {
  const eventTypes = useQuery(eventTypesQuery());
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Trigger | null>(null);
  const [deleteReason, setDeleteReason] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const now = useMemo(() => new Date(), []);
  const [pending, setPending] = useState<Pending>(null);
  const needsConfirm = reviewGate.required && !reviewGate.reviewed;

  // The options refresh the triggers and review states; the component adds what the page shows.
  const saveOptions = saveTriggerMutation(workflowId);
  const save = useMutation({
    ...saveOptions,
    onError: (error, { value, trigger, confirmed }) => {
      if (!trigger && !confirmed && error instanceof BffClientError && error.code === "REVIEW_REQUIRED") setPending({ kind: "add", value });
    },
    onSuccess: (saved, vars, result, context) => {
      setEditing(null);
      setPending(null);
      setNotice(`${vars.trigger ? "Saved" : "Added"}: ${describeTrigger(saved).headline}`);
      return saveOptions.onSuccess?.(saved, vars, result, context);
    },
  });
  const toggleOptions = toggleTriggerMutation(workflowId);
  const toggle = useMutation({
    ...toggleOptions,
    // The rule or the review may have changed since the page loaded: the BFF's 409 asks the same question.
    onError: (error, { trigger: t, confirmed }) => {
      if (!confirmed && error instanceof BffClientError && error.code === "REVIEW_REQUIRED") setPending({ kind: "enable", trigger: t });
    },
    onSuccess: (t, vars, result, context) => {
      setPending(null);
      setNotice(`${t.enabled ? "Enabled" : "Disabled"}: ${describeTrigger(t).headline}`);
      return toggleOptions.onSuccess?.(t, vars, result, context);
    },
  });
  const removeOptions = deleteTriggerMutation(workflowId);
  const remove = useMutation({
    ...removeOptions,
    onSuccess: (d, vars, result, context) => {
      setDeleting(null);
      setDeleteReason("");
      setNotice(`Deleted: ${describeTrigger(vars.trigger).headline}`);
      return removeOptions.onSuccess?.(d, vars, result, context);
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
            <TriggerForm
              initial={null}
              customTypes={customTypes}
              pending={save.isPending}
              submitLabel="Add trigger"
              onCancel={() => setEditing(null)}
              onSubmit={(value) => (needsConfirm ? setPending({ kind: "add", value }) : save.mutate({ value, trigger: null }))}
            />
            <div className="mt-3">
              <MutationError error={save.error} />
            </div>
          </div>
        ) : null}
        {triggers.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No triggers yet: this version only runs when started by hand.</p>
        ) : null}
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
                {w.explanation ? <p className="text-slate-600 dark:text-slate-400">{w.explanation}</p> : null}
                {w.conditions ? <p>Only when {w.conditions}.</p> : null}
                {w.nextRuns.length > 0 ? (
                  <p className="text-slate-600 dark:text-slate-400">Next runs at {w.nextRuns.map(formatUtcMinute).join(", ")} (UTC).</p>
                ) : null}
                {w.warning ? <p className="text-amber-800 dark:text-amber-300">{w.warning}</p> : null}
                {isEditing ? (
                  <div className="rounded-md border border-slate-200 p-4 dark:border-slate-800">
                    <TriggerForm
                      initial={t}
                      customTypes={customTypes}
                      pending={save.isPending}
                      submitLabel="Save trigger"
                      onCancel={() => setEditing(null)}
                      onSubmit={(value) => save.mutate({ value, trigger: t })}
                    />
                    <div className="mt-3">
                      <MutationError error={save.error} />
                    </div>
                  </div>
                ) : (
                  <div className="flex flex-wrap gap-2">
                    <Button
                      variant="secondary"
                      size="sm"
                      onClick={() =>
                        !t.enabled && needsConfirm ? setPending({ kind: "enable", trigger: t }) : toggle.mutate({ trigger: t })
                      }
                      disabled={toggle.isPending}
                    >
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
        open={pending !== null}
        onClose={() => setPending(null)}
        title="Enable a trigger on an unreviewed version?"
        footer={
          <>
            <Button variant="secondary" onClick={() => setPending(null)}>
              Not now
            </Button>
            <Button
              onClick={() => {
                if (pending?.kind === "add") save.mutate({ value: pending.value, trigger: null, confirmed: true });
                if (pending?.kind === "enable") toggle.mutate({ trigger: pending.trigger, confirmed: true });
              }}
              disabled={save.isPending || toggle.isPending}
            >
              Enable anyway
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-2 text-sm" data-testid="review-required-confirm">
          <p>
            Your tenant asks for a business review before a trigger starts this automation on its own, and this version has no current
            “matches our rules” sign-off.
          </p>
          <p>If you go ahead, the trigger starts runs right away and the activity log records that it was enabled without a review.</p>
          <MutationError error={pending?.kind === "add" ? save.error : toggle.error} />
        </div>
      </Dialog>
      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this trigger?"
        footer={
          <>
            <Button variant="secondary" onClick={() => setDeleting(null)}>
              Keep it
            </Button>
            <Button
              variant="danger"
              onClick={() => deleting && remove.mutate({ trigger: deleting, reason: deleteReason })}
              disabled={remove.isPending || !hasReason(deleteReason)}
            >
              {remove.isPending ? "Deleting…" : "Delete trigger"}
            </Button>
          </>
        }
      >
        {deleting ? (
          <div className="flex flex-col gap-3 text-sm">
            <p>
              “{describeTrigger(deleting).headline}” will stop starting this workflow. This cannot be undone; to pause it instead, disable
              it.
            </p>
            <ReasonField value={deleteReason} onChange={setDeleteReason} disabled={remove.isPending} />
            <MutationError error={remove.error} />
          </div>
        ) : null}
      </Dialog>
    </Card>
  );
}
