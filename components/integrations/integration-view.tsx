"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useState } from "react";
import { hasReason, ReasonField } from "@/components/audit/reason-field";
import { ConfigEditor } from "@/components/integrations/config-editor";
import { CorpusView, MappingView, RawView, RulesView } from "@/components/integrations/config-views";
import { explainMutationError } from "@/components/integrations/errors";
import { ScopeBadge } from "@/components/integrations/integrations-table";
import { QueryFailure } from "@/components/ui/query-failure";
import { VersionsPanel } from "@/components/integrations/versions-panel";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Tabs, type TabItem } from "@/components/ui/tabs";
import { integrationUrlState, type IntegrationTab } from "@/lib/integrations/url";
import { BffClientError } from "@/lib/queries/fetcher";
import { deleteConfigMutation, fetchBundle, forkConfigMutation, integrationConfigQuery } from "@/lib/queries/integrations";
import { usePermissions } from "@/lib/queries/use-permissions";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { saveFile } from "@/components/ui/save-file";

function saveBase64(fileName: string, base64: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  saveFile(new Blob([bytes], { type: "application/zip" }), fileName);
}

/** The body of /integrations/:id (client): views of the active config, the editor and the version history. */
export function IntegrationView({ integrationId }: { integrationId: string }) {
  const permissions = usePermissions();
  const canPublish = permissions.has(PERMISSIONS.publishIntegrationConfig);
  const config = useQuery(integrationConfigQuery(integrationId));
  const [url, setUrl] = useQueryStates(integrationUrlState, { history: "replace", scroll: false });
  const fork = useMutation(forkConfigMutation(integrationId));
  const remove = useMutation(deleteConfigMutation(integrationId));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteReason, setDeleteReason] = useState("");
  const [confirmFork, setConfirmFork] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [pullError, setPullError] = useState<string | null>(null);
  const [pulling, setPulling] = useState(false);

  function go(next: Partial<typeof url>) {
    void setUrl(next);
  }

  if (config.isPending)
    return (
      <Card>
        <SkeletonRows rows={6} label="Loading integration" />
      </Card>
    );
  if (config.isError) {
    const notPublished = config.error instanceof BffClientError && config.error.status === 404;
    return (
      <>
        <PageHeader
          title={integrationId}
          description={
            <Link href="/integrations" className="underline">
              All integrations
            </Link>
          }
        />
        {notPublished ? (
          <Card>
            <EmptyState title="No published config">
              Nothing is published for this integration yet, so only its built-in baseline applies.
            </EmptyState>
          </Card>
        ) : (
          <QueryFailure title="This integration could not be loaded" error={config.error} retry={() => void config.refetch()} />
        )}
      </>
    );
  }
  const c = config.data;
  const isTenant = c.visibility === "TENANT";

  async function pull() {
    setPullError(null);
    setPulling(true);
    try {
      const bundle = await fetchBundle(integrationId);
      saveBase64(bundle.fileName, bundle.zipBase64);
    } catch (error) {
      setPullError(error instanceof Error ? explainMutationError(error) : "The bundle could not be downloaded");
    } finally {
      setPulling(false);
    }
  }

  async function doFork(force: boolean) {
    const next = await fork.mutateAsync(force).catch(() => null);
    if (!next) return;
    setConfirmFork(false);
    setNotice(`Forked into your tenant as v${next.version}. You can edit it now.`);
  }

  async function doDelete(force: boolean) {
    const result = await remove.mutateAsync({ force, reason: deleteReason }).catch(() => null);
    if (!result) return;
    setConfirmDelete(false);
    setNotice(
      `Deleted ${result.deleted} version${result.deleted === 1 ? "" : "s"} of your config. The platform config applies again where one exists.`,
    );
    go({ tab: "mapping", diff: null });
  }

  const tabs: TabItem[] = [
    { id: "mapping", label: "Mapping", content: <MappingView mapping={c.mapping} /> },
    { id: "rules", label: "Rules", content: <RulesView rules={c.rules} /> },
    { id: "corpus", label: "Corpus", content: <CorpusView corpus={c.corpus} /> },
    { id: "raw", label: "Raw JSON", content: <RawView config={c} /> },
  ];
  if (canPublish && isTenant) {
    tabs.push({
      id: "edit",
      label: "Edit",
      content: (
        <ConfigEditor
          key={c.id}
          config={c}
          onPublished={(next) => {
            setNotice(`Published v${next.version}.`);
            go({ tab: "versions", diff: [c.version, next.version] });
          }}
        />
      ),
    });
  }
  tabs.push({
    id: "versions",
    label: "Versions",
    content: (
      <VersionsPanel
        integrationId={integrationId}
        canPublish={canPublish}
        diff={url.diff}
        onDiffChange={(diff) => go({ tab: "versions", diff })}
      />
    ),
  });
  const active: IntegrationTab = tabs.some((t) => t.id === url.tab) ? url.tab : "mapping";

  return (
    <>
      <PageHeader
        title={c.displayName ?? c.integrationId}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Link href="/integrations" className="underline">
              All integrations
            </Link>
            <span className="font-mono text-xs">{c.integrationId}</span>
            <span>v{c.version}</span>
            <ScopeBadge visibility={c.visibility} />
            <span>floor {c.floor ?? "—"}</span>
            {c.forkedFromVersion !== null ? <span className="text-xs">forked from platform v{c.forkedFromVersion}</span> : null}
          </span>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" size="sm" disabled={pulling} onClick={() => void pull()}>
              {pulling ? "Preparing…" : "Download bundle"}
            </Button>
            {canPublish && !isTenant ? (
              <Button
                size="sm"
                onClick={() => {
                  fork.reset();
                  setConfirmFork(true);
                }}
              >
                Fork to my tenant
              </Button>
            ) : null}
            {canPublish && isTenant ? (
              <Button
                variant="danger"
                size="sm"
                onClick={() => {
                  remove.reset();
                  setDeleteReason("");
                  setConfirmDelete(true);
                }}
              >
                Delete my config
              </Button>
            ) : null}
          </div>
        }
      />
      <div className="space-y-3">
        {notice ? (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
            {notice}
          </p>
        ) : null}
        {pullError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {pullError}
          </p>
        ) : null}
        {canPublish && !isTenant ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            This is the platform config. Fork it to your tenant to edit your own version.
          </p>
        ) : null}
        <Tabs label="Integration config" items={tabs} value={active} onChange={(id) => go({ tab: id as IntegrationTab })} />
      </div>
      <Dialog
        open={confirmFork}
        onClose={() => setConfirmFork(false)}
        title="Fork the platform config?"
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmFork(false)}>
              Cancel
            </Button>
            {fork.error instanceof BffClientError && fork.error.code === "CONFLICT" ? (
              <Button disabled={fork.isPending} onClick={() => void doFork(true)}>
                Re-seed from platform
              </Button>
            ) : (
              <Button disabled={fork.isPending} onClick={() => void doFork(false)}>
                {fork.isPending ? "Forking…" : "Fork"}
              </Button>
            )}
          </>
        }
      >
        <p className="text-sm">
          Your tenant gets its own copy of platform v{c.version}, checked by the gate. From then on your copy applies to your tenant instead
          of the platform config.
        </p>
        {fork.isError ? (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
            {explainMutationError(fork.error)}
          </p>
        ) : null}
      </Dialog>
      <Dialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title="Delete your config for this integration?"
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmDelete(false)}>
              Cancel
            </Button>
            {remove.error instanceof BffClientError && remove.error.code === "DEPENDENTS_EXIST" ? (
              <Button variant="danger" disabled={remove.isPending || !hasReason(deleteReason)} onClick={() => void doDelete(true)}>
                Delete anyway
              </Button>
            ) : (
              <Button variant="danger" disabled={remove.isPending || !hasReason(deleteReason)} onClick={() => void doDelete(false)}>
                {remove.isPending ? "Deleting…" : "Delete every version"}
              </Button>
            )}
          </>
        }
      >
        <p className="text-sm">
          This permanently deletes <strong>every version</strong> of your tenant&apos;s config for {c.displayName ?? c.integrationId}. It
          cannot be undone. The platform config applies again afterwards, if there is one.
        </p>
        <ReasonField value={deleteReason} onChange={setDeleteReason} disabled={remove.isPending} />
        {remove.isError ? (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
            {explainMutationError(remove.error)}
          </p>
        ) : null}
      </Dialog>
    </>
  );
}
