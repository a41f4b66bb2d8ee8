"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { MutationError } from "@/components/ui/mutation-error";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TENANT_DISPLAY_NAME_MAX, tenantLabel } from "@/lib/people/schemas";
import { setTenantNameMutation, tenantQuery } from "@/lib/queries/people";

/** Tenant admins name the tenant once for everyone: the header shows it instead of the short id. */
export function TenantNameCard() {
  const router = useRouter();
  const tenant = useQuery(tenantQuery());
  const save = useMutation(setTenantNameMutation());
  const [draft, setDraft] = useState<string | null>(null);
  const current = tenant.data?.displayName ?? null;
  const value = draft ?? current ?? "";

  function submit(displayName: string | null) {
    save.mutate(displayName, {
      onSuccess: () => {
        setDraft(null);
        // The header is rendered on the server: fetch it again.
        router.refresh();
      },
    });
  }
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (value.trim()) submit(value.trim());
  }

  return (
    <Card aria-labelledby="tenant-name-heading" id="tenant-name">
      <CardHeader
        title={<span id="tenant-name-heading">Tenant name</span>}
        description={
          tenant.data
            ? `Everyone in this tenant sees it in the header. ${current ? `Now: “${current}”.` : `Not set yet: the header shows “${tenantLabel(tenant.data.tenantId, null)}”.`}`
            : "Everyone in this tenant sees it in the header."
        }
      />
      <CardBody>
        <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" aria-label="Tenant name">
          <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm sm:max-w-sm">
            <span className="text-xs font-medium text-slate-500">Display name</span>
            <input
              value={value}
              maxLength={TENANT_DISPLAY_NAME_MAX}
              onChange={(e) => setDraft(e.target.value)}
              disabled={tenant.isPending}
              className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            />
          </label>
          <Button type="submit" size="sm" disabled={save.isPending || !value.trim() || value.trim() === current}>
            {save.isPending ? "Saving…" : "Save name"}
          </Button>
          {current ? (
            <Button variant="ghost" size="sm" disabled={save.isPending} onClick={() => submit(null)}>
              Go back to the short id
            </Button>
          ) : null}
        </form>
        <div className="mt-2">
          <MutationError error={save.error} />
        </div>
      </CardBody>
    </Card>
  );
}
