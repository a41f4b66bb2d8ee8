"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { MutationError } from "@/components/ui/mutation-error";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { isTenantAdmin } from "@/lib/audit/actions";
import { reviewSettingsQuery, useSetReviewSettings } from "@/lib/queries/reviews";
import { usePermissions } from "@/lib/queries/use-permissions";
import { formatInstant } from "@/components/workflows/workflow-bits";

/**
 * The tenant's "require review before enabling a trigger" rule: tenant admins change it (with a
 * confirmation; audited), everyone else sees whether it is on.
 */
export function ReviewSettings() {
  const { roles } = usePermissions();
  const settings = useQuery(reviewSettingsQuery());
  const save = useSetReviewSettings();
  const [asking, setAsking] = useState<boolean | null>(null);
  if (!settings.data) return null;
  const on = settings.data.requireReviewBeforeTriggers;
  const admin = isTenantAdmin(roles);
  if (!admin && !on) return null;
  return (
    <section
      aria-label="Review rule"
      className="mb-4 flex flex-wrap items-center gap-3 rounded-md border border-slate-200 px-4 py-3 text-sm dark:border-slate-800"
      data-testid="review-settings"
    >
      <p className="flex-1">
        {on
          ? "A business review is required before a trigger is enabled; enabling one on an unreviewed version asks for confirmation and is recorded."
          : "Triggers can be enabled on versions nobody has reviewed yet."}
        {settings.data.updatedAt ? (
          <span className="ml-1 text-slate-500">
            (changed by {settings.data.updatedBy ?? "someone"} on {formatInstant(settings.data.updatedAt)})
          </span>
        ) : null}
      </p>
      {admin ? (
        <Button variant="secondary" size="sm" onClick={() => setAsking(!on)}>
          {on ? "Stop requiring review" : "Require review before enabling triggers"}
        </Button>
      ) : null}
      <Dialog
        open={asking !== null}
        onClose={() => setAsking(null)}
        title={asking ? "Require a review before triggers are enabled?" : "Stop requiring a review?"}
        footer={
          <>
            <Button variant="secondary" onClick={() => setAsking(null)}>
              Cancel
            </Button>
            <Button disabled={save.isPending} onClick={() => asking !== null && save.mutate(asking, { onSuccess: () => setAsking(null) })}>
              {asking ? "Require review" : "Stop requiring"}
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-2 text-sm">
          <p>
            {asking
              ? "From now on, enabling or adding an enabled trigger on a version without a current “matches our rules” sign-off needs an explicit confirmation, recorded in the activity log."
              : "Anyone who manages triggers will be able to enable them on unreviewed versions without a confirmation."}
          </p>
          <p className="text-slate-500">This applies to every workflow of your tenant and is recorded in the activity log.</p>
          <MutationError error={save.error} />
        </div>
      </Dialog>
    </section>
  );
}
