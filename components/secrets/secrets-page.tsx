"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState, type ReactNode } from "react";
import { ConfigsCard } from "@/components/secrets/configs-card";
import { MissingCard } from "@/components/secrets/missing-card";
import { SecretsCard } from "@/components/secrets/secrets-card";
import { SecretsDialogs, type DialogState } from "@/components/secrets/secrets-dialogs";
import { Card } from "@/components/ui/card";
import { QueryFailure } from "@/components/ui/query-failure";
import { SkeletonRows } from "@/components/ui/skeleton";
import { configsQuery, requirementsQuery, secretsQuery } from "@/lib/queries/secrets";
import { usePermissions } from "@/lib/queries/use-permissions";
import { useDeleteConfig, useDeleteSecret } from "@/lib/queries/secrets";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { compareGroups } from "@/lib/secrets/groups";
import { listMissingKeys } from "@/lib/secrets/missing";
import { formatSecretsUrl, parseSecretsUrl } from "@/lib/secrets/url";
import { consumersOf, indexDeclaredKeys, keyId, type DeclaredKey } from "@/lib/secrets/usage";

function LoadState({ query, label, children }: { query: UseQueryResult<unknown>; label: string; children: ReactNode }) {
  if (query.isPending) {
    return (
      <Card>
        <SkeletonRows rows={4} label={`Loading ${label}`} />
      </Card>
    );
  }
  if (query.isError) {
    return (
      <QueryFailure
        title={`${label[0]?.toUpperCase()}${label.slice(1)} could not be loaded`}
        error={query.error}
        retry={() => void query.refetch()}
      />
    );
  }
  return <>{children}</>;
}

/** /secrets: missing variables, secrets and config, with URL-shareable filter and Add form. */
export function SecretsPage() {
  const permissions = usePermissions();
  const canSecrets = permissions.has(PERMISSIONS.manageSecrets);
  const canConfigs = permissions.has(PERMISSIONS.manageConfigs);
  const secrets = useQuery({ ...secretsQuery(), enabled: canSecrets });
  const configs = useQuery({ ...configsQuery(), enabled: canConfigs });
  const requirements = useQuery(requirementsQuery());
  const deleteSecret = useDeleteSecret();
  const deleteConfig = useDeleteConfig();

  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const urlState = parseSecretsUrl(searchParams);
  const [localDialog, setLocalDialog] = useState<DialogState | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const declared = useMemo(() => indexDeclaredKeys(requirements.data ?? { workflows: null, integrations: null }), [requirements.data]);
  const stored = useMemo(
    () => [
      ...(secrets.data ?? []).map((s) => ({ kind: "SECRET" as const, key: s.key, group: s.group })),
      ...(configs.data ?? []).map((c) => ({ kind: "CONFIG" as const, key: c.key, group: c.group })),
    ],
    [secrets.data, configs.data],
  );
  const missing = useMemo(() => listMissingKeys(declared, stored), [declared, stored]);
  // Without the summaries, usage is unknown: say so instead of "not used by anything".
  const usage = requirements.isSuccess ? declared : null;
  const usersOf = (kind: "SECRET" | "CONFIG", entry: { group: string; key: string }) =>
    usage ? consumersOf(usage, kind, entry.group, entry.key) : null;

  // A shared `?add=KEY&kind=…&group=G` link opens the pre-filled form (if the role may add that kind).
  const urlDialog: DialogState | null = (() => {
    if (!urlState.add) return null;
    const kind = urlState.add.kind === "secret" ? "SECRET" : "CONFIG";
    if ((kind === "SECRET" && !canSecrets) || (kind === "CONFIG" && !canConfigs)) return null;
    const group = urlState.group ?? "global";
    const description = declared.get(keyId(kind, group, urlState.add.key))?.description ?? "";
    const initial = { key: urlState.add.key, group, description };
    return kind === "SECRET" ? { type: "add-secret", initial } : { type: "add-config", initial };
  })();
  const dialog = localDialog ?? urlDialog;

  function replaceUrl(next: { group: string | null; add: typeof urlState.add }) {
    router.replace(`${pathname}${formatSecretsUrl(next)}`, { scroll: false });
  }
  function closeDialog() {
    setLocalDialog(null);
    deleteSecret.reset();
    deleteConfig.reset();
    // With ?add=, `group` named the new entry's group, not a filter the user chose: drop both.
    if (urlState.add) replaceUrl({ group: null, add: null });
  }
  function addMissing(v: DeclaredKey) {
    setNotice(null);
    router.push(
      `${pathname}${formatSecretsUrl({ group: v.group, add: { key: v.key, kind: v.kind === "SECRET" ? "secret" : "config" } })}`,
      { scroll: false },
    );
  }

  const groupFilter = urlState.add ? null : urlState.group;
  const allGroups = [...new Set([...stored.map((s) => s.group), ...missing.map((m) => m.group), "global"])].sort(compareGroups);
  const byGroup = <T extends { group: string }>(rows: T[] | undefined) =>
    (rows ?? []).filter((r) => !groupFilter || r.group === groupFilter);
  const partial = [
    requirements.data && !requirements.data.workflows ? "workflow" : null,
    requirements.data && !requirements.data.integrations ? "integration" : null,
  ].filter((x): x is string => x !== null);

  return (
    <div className="space-y-6">
      <div role="status" aria-live="polite" className="min-h-0">
        {notice ? (
          <p className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-100">
            {notice}
          </p>
        ) : null}
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="group-filter" className="text-sm font-medium">
          Group
        </label>
        <select
          id="group-filter"
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
          value={groupFilter ?? ""}
          onChange={(e) => replaceUrl({ group: e.target.value || null, add: null })}
        >
          <option value="">All groups</option>
          {allGroups.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>

      <LoadState query={requirements} label="missing variables">
        <MissingCard
          missing={byGroup(missing)}
          partial={partial}
          canAdd={(kind) => (kind === "SECRET" ? canSecrets : canConfigs)}
          onAdd={addMissing}
        />
      </LoadState>

      {canSecrets ? (
        <LoadState query={secrets} label="secrets">
          <SecretsCard
            secrets={byGroup(secrets.data)}
            declared={usage}
            groupFilter={groupFilter}
            onAdd={() => setLocalDialog({ type: "add-secret", initial: { key: "", group: groupFilter ?? "global", description: "" } })}
            onRotate={(secret) => setLocalDialog({ type: "rotate", secret })}
            onDelete={(secret) => {
              deleteSecret.reset();
              setLocalDialog({ type: "delete-secret", secret });
            }}
          />
        </LoadState>
      ) : null}

      {canConfigs ? (
        <LoadState query={configs} label="config">
          <ConfigsCard
            configs={byGroup(configs.data)}
            declared={usage}
            groupFilter={groupFilter}
            onAdd={() => setLocalDialog({ type: "add-config", initial: { key: "", group: groupFilter ?? "global", description: "" } })}
            onDelete={(entry) => {
              deleteConfig.reset();
              setLocalDialog({ type: "delete-config", entry });
            }}
          />
        </LoadState>
      ) : null}

      <SecretsDialogs
        dialog={dialog}
        usersOf={usersOf}
        partial={partial}
        deleteSecret={deleteSecret}
        deleteConfig={deleteConfig}
        closeDialog={closeDialog}
        setNotice={setNotice}
      />
    </div>
  );
}
