import { mutationOptions, type QueryClient } from "@tanstack/react-query";
import { reasonHeaders } from "@/lib/audit/actions";
import { triggerDeletedSchema, triggerSchema, type Trigger } from "@/lib/schemas/trigger";
import type { TriggerFormValue } from "@/lib/triggers/form-value";
import { bffFetch } from "./fetcher";
import { invalidateReviewStates } from "./reviews";
import { workflowKeys } from "./workflows";

const triggersPath = (workflowId: string) => `/api/workflows/${encodeURIComponent(workflowId)}/triggers`;
// Enabling a trigger on a version without a current sign-off, when the tenant requires review.
const confirmQuery = (confirmed: boolean | undefined) => (confirmed ? "?confirmUnreviewed=true" : "");

/** After any trigger change: the workflow's triggers and the catalog's review states read again. */
function refreshTriggers(workflowId: string) {
  return (_d: unknown, _v: unknown, _r: unknown, { client }: { client: QueryClient }) =>
    Promise.all([client.invalidateQueries({ queryKey: workflowKeys.triggers(workflowId) }), invalidateReviewStates(client)]);
}

/** POST (new) or PATCH (existing) a trigger from the form's value. */
export function saveTriggerMutation(workflowId: string) {
  return mutationOptions({
    mutationKey: [...workflowKeys.triggers(workflowId), "save"],
    mutationFn: ({ value, trigger, confirmed }: { value: TriggerFormValue; trigger: Trigger | null; confirmed?: boolean }) => {
      const body =
        value.kind === "SCHEDULE"
          ? trigger
            ? { cronExpression: value.cronExpression }
            : { kind: "SCHEDULE", cronExpression: value.cronExpression }
          : trigger
            ? { eventType: value.eventType, filter: value.filter }
            : { kind: "EVENT", eventType: value.eventType, ...(value.filter ? { filter: value.filter } : {}) };
      const path = trigger
        ? `${triggersPath(workflowId)}/${encodeURIComponent(trigger.id)}`
        : `${triggersPath(workflowId)}${confirmQuery(confirmed)}`;
      return bffFetch(path, triggerSchema, { method: trigger ? "PATCH" : "POST", body: JSON.stringify(body) });
    },
    onSuccess: refreshTriggers(workflowId),
  });
}

/** PATCH `enabled` to the opposite of what the trigger shows. */
export function toggleTriggerMutation(workflowId: string) {
  return mutationOptions({
    mutationKey: [...workflowKeys.triggers(workflowId), "toggle"],
    mutationFn: ({ trigger, confirmed }: { trigger: Trigger; confirmed?: boolean }) =>
      bffFetch(
        `${triggersPath(workflowId)}/${encodeURIComponent(trigger.id)}${trigger.enabled ? "" : confirmQuery(confirmed)}`,
        triggerSchema,
        {
          method: "PATCH",
          body: JSON.stringify({ enabled: !trigger.enabled }),
        },
      ),
    onSuccess: refreshTriggers(workflowId),
  });
}

/** DELETE a trigger, with the reason the audit trail records. */
export function deleteTriggerMutation(workflowId: string) {
  return mutationOptions({
    mutationKey: [...workflowKeys.triggers(workflowId), "delete"],
    mutationFn: ({ trigger, reason }: { trigger: Trigger; reason: string }) =>
      bffFetch(`${triggersPath(workflowId)}/${encodeURIComponent(trigger.id)}`, triggerDeletedSchema, {
        method: "DELETE",
        headers: reasonHeaders(reason),
      }),
    onSuccess: refreshTriggers(workflowId),
  });
}
