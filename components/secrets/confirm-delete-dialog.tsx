"use client";
import { useState } from "react";
import { hasReason, ReasonField } from "@/components/audit/reason-field";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { Consumer } from "@/lib/secrets/usage";
import { DependentsWarning } from "./consumers";
import { MutationError } from "@/components/ui/mutation-error";

/** Confirmation before deleting a secret or config entry, naming every declarer. */
export function ConfirmDeleteDialog({
  open,
  kind,
  target,
  consumers,
  unchecked,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  kind: "secret" | "config entry";
  target: { key: string; group: string };
  consumers: Consumer[] | null;
  unchecked: string[];
  pending: boolean;
  error: Error | null;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = useState("");
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={`Delete ${target.key}?`}
      footer={
        <>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => onConfirm(reason.trim())} disabled={pending || !hasReason(reason)}>
            {pending ? "Deleting…" : `Delete ${kind}`}
          </Button>
        </>
      }
    >
      <div className="space-y-3">
        <p className="text-sm">
          This deletes the {kind} <code className="font-mono">{target.key}</code> in group <code className="font-mono">{target.group}</code>
          . It cannot be undone{kind === "secret" ? ", and the value cannot be shown or recovered" : ""}.
        </p>
        <DependentsWarning consumers={consumers} action="delete" unchecked={unchecked} />
        <ReasonField value={reason} onChange={setReason} disabled={pending} />
        <MutationError error={error} />
      </div>
    </Dialog>
  );
}
