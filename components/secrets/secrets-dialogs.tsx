"use client";
import { ConfigFormDialog } from "@/components/secrets/config-form-dialog";
import { ConfirmDeleteDialog } from "@/components/secrets/confirm-delete-dialog";
import { SecretFormDialog } from "@/components/secrets/secret-form-dialog";
import type { useDeleteConfig, useDeleteSecret } from "@/lib/queries/secrets";
import type { ConfigEntry, SecretMeta } from "@/lib/schemas/secrets";
import type { Consumer } from "@/lib/secrets/usage";

/** Which form or confirmation is open on the secrets page. */
export type DialogState =
  | { type: "add-secret"; initial: { key: string; group: string; description: string } }
  | { type: "add-config"; initial: { key: string; group: string; description: string } }
  | { type: "rotate"; secret: SecretMeta }
  | { type: "delete-secret"; secret: SecretMeta }
  | { type: "delete-config"; entry: ConfigEntry };

/** The open dialog, if any; each success closes it and leaves one sentence for the status line. */
export function SecretsDialogs({
  dialog,
  usersOf,
  partial,
  deleteSecret,
  deleteConfig,
  closeDialog,
  setNotice,
}: {
  dialog: DialogState | null;
  usersOf: (kind: "SECRET" | "CONFIG", entry: { group: string; key: string }) => Consumer[] | null;
  partial: string[];
  deleteSecret: ReturnType<typeof useDeleteSecret>;
  deleteConfig: ReturnType<typeof useDeleteConfig>;
  closeDialog: () => void;
  setNotice: (notice: string) => void;
}) {
  return (
    <>
      {dialog?.type === "add-secret" ? (
        <SecretFormDialog
          key={`add-${dialog.initial.group}-${dialog.initial.key}`}
          mode="create"
          open
          initial={dialog.initial}
          consumers={[]}
          onClose={closeDialog}
          onSaved={(meta) => {
            closeDialog();
            setNotice(`Secret ${meta.key} (${meta.group}) saved. Its value is not shown again.`);
          }}
        />
      ) : null}
      {dialog?.type === "rotate" ? (
        <SecretFormDialog
          key={`rotate-${dialog.secret.id}`}
          mode="rotate"
          open
          initial={{ key: dialog.secret.key, group: dialog.secret.group, description: dialog.secret.description ?? "" }}
          consumers={usersOf("SECRET", dialog.secret)}
          unchecked={partial}
          onClose={closeDialog}
          onSaved={(meta) => {
            closeDialog();
            setNotice(`Secret ${meta.key} (${meta.group}) rotated. The new value is not shown again.`);
          }}
        />
      ) : null}
      {dialog?.type === "add-config" ? (
        <ConfigFormDialog
          key={`add-config-${dialog.initial.group}-${dialog.initial.key}`}
          open
          initial={dialog.initial}
          onClose={closeDialog}
          onSaved={(entry) => {
            closeDialog();
            setNotice(`Config ${entry.key} (${entry.group}) saved.`);
          }}
        />
      ) : null}
      {dialog?.type === "delete-secret" || dialog?.type === "delete-config" ? (
        <DeleteDialog
          secret={dialog.type === "delete-secret"}
          target={dialog.type === "delete-secret" ? dialog.secret : dialog.entry}
          consumers={usersOf(
            dialog.type === "delete-secret" ? "SECRET" : "CONFIG",
            dialog.type === "delete-secret" ? dialog.secret : dialog.entry,
          )}
          unchecked={partial}
          mutation={dialog.type === "delete-secret" ? deleteSecret : deleteConfig}
          closeDialog={closeDialog}
          setNotice={setNotice}
        />
      ) : null}
    </>
  );
}

/** Confirms deleting one secret or config entry, with a reason, and says so once it is gone. */
function DeleteDialog({
  secret,
  target,
  consumers,
  unchecked,
  mutation,
  closeDialog,
  setNotice,
}: {
  secret: boolean;
  target: { key: string; group: string };
  consumers: Consumer[] | null;
  unchecked: string[];
  mutation: ReturnType<typeof useDeleteSecret>;
  closeDialog: () => void;
  setNotice: (notice: string) => void;
}) {
  return (
    <ConfirmDeleteDialog
      open
      kind={secret ? "secret" : "config entry"}
      target={target}
      consumers={consumers}
      unchecked={unchecked}
      pending={mutation.isPending}
      error={mutation.error}
      onCancel={closeDialog}
      onConfirm={(reason) =>
        mutation.mutate(
          { key: target.key, group: target.group, reason },
          {
            onSuccess: (gone) => {
              closeDialog();
              setNotice(`${secret ? "Secret" : "Config"} ${gone.key} (${gone.group}) deleted.`);
            },
          },
        )
      }
    />
  );
}
