"use client";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { MutationError } from "@/components/ui/mutation-error";
import { QueryFailure } from "@/components/ui/query-failure";
import { formatInstant } from "@/components/workflows/workflow-bits";
import { webhookUrlSchema, type WebhookTestResult } from "@/lib/alerts/schemas";
import { isTenantAdmin } from "@/lib/audit/actions";
import { alertWebhookQuery, useRemoveAlertWebhook, useSetAlertWebhook, useTestAlertWebhook } from "@/lib/queries/alerts";
import { usePermissions } from "@/lib/queries/use-permissions";
import { AlertDeliveries } from "./alert-deliveries";

/** Failure alerts on the needs-attention page: shown to tenant admins only (the BFF refuses everyone else). */
export function AlertSettings() {
  const { roles, isLoading } = usePermissions();
  if (isLoading || !isTenantAdmin(roles)) return null;
  return <AlertSettingsCard />;
}

function AlertSettingsCard() {
  const view = useQuery(alertWebhookQuery());
  const [editing, setEditing] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [asking, setAsking] = useState<"remove" | "rotate" | null>(null);
  const save = useSetAlertWebhook();
  const remove = useRemoveAlertWebhook();
  const test = useTestAlertWebhook();
  const webhook = view.data?.webhook ?? null;

  const rotate = () =>
    webhook && save.mutate({ url: webhook.url, rotateSecret: true }, { onSuccess: (r) => (setSecret(r.signingSecret), setAsking(null)) });

  return (
    <Card className="mt-6" data-testid="alert-settings">
      <CardHeader
        title="Failure alerts"
        description="A webhook receives a signed JSON message when a new failure group appears or an acknowledged one fails again. Messages carry the workflow, counts, times and the cause, never a secret or config value."
      />
      <CardBody className="flex flex-col gap-4 text-sm">
        {view.isError ? (
          <QueryFailure title="Could not load the alert settings" error={view.error} retry={() => void view.refetch()} />
        ) : null}
        {view.isPending ? <p className="text-slate-500">Loading…</p> : null}
        {secret ? <SecretOnce secret={secret} onDone={() => setSecret(null)} /> : null}
        {view.data && (!webhook || editing) ? (
          <WebhookForm
            initial={webhook?.url ?? ""}
            pending={save.isPending}
            error={save.error}
            submitLabel={webhook ? "Save URL" : "Turn on alerts"}
            onCancel={webhook ? () => setEditing(false) : undefined}
            onSubmit={(url) => save.mutate({ url }, { onSuccess: (r) => (setEditing(false), setSecret(r.signingSecret)) })}
          />
        ) : null}
        {webhook && !editing ? (
          <div className="flex flex-col gap-2">
            <p>
              Messages go to{" "}
              <span className="break-all font-mono" data-testid="alert-webhook-url">
                {webhook.url}
              </span>
              <span className="ml-1 text-slate-500">
                (set by {webhook.updatedBy} on {formatInstant(webhook.updatedAt)})
              </span>
            </p>
            <div className="flex flex-wrap gap-2">
              <Button size="sm" variant="secondary" disabled={test.isPending} onClick={() => test.mutate()}>
                {test.isPending ? "Sending…" : "Send test message"}
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
                Change URL
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setAsking("rotate")}>
                New signing secret
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setAsking("remove")}>
                Turn off alerts
              </Button>
            </div>
            {test.data ? <TestOutcome result={test.data} /> : null}
            <MutationError error={test.error} />
          </div>
        ) : null}
        {view.data && webhook ? (
          <div>
            <h3 className="mb-2 font-medium">Latest messages</h3>
            <AlertDeliveries deliveries={view.data.deliveries} />
          </div>
        ) : null}
      </CardBody>
      <Dialog
        open={asking !== null}
        onClose={() => setAsking(null)}
        title={asking === "remove" ? "Turn off failure alerts?" : "Replace the signing secret?"}
        footer={
          <>
            <Button variant="secondary" onClick={() => setAsking(null)}>
              Cancel
            </Button>
            {asking === "remove" ? (
              <Button
                variant="danger"
                disabled={remove.isPending}
                onClick={() => remove.mutate(undefined, { onSuccess: () => setAsking(null) })}
              >
                Turn off
              </Button>
            ) : (
              <Button disabled={save.isPending} onClick={rotate}>
                Replace secret
              </Button>
            )}
          </>
        }
      >
        <div className="flex flex-col gap-2 text-sm">
          <p>
            {asking === "remove"
              ? "The webhook and its signing secret are removed, and messages still waiting to be sent are dropped."
              : "A new secret is generated and shown once; from then on messages are signed with it, so the receiver must be updated at the same time."}
          </p>
          <MutationError error={asking === "remove" ? remove.error : save.error} />
        </div>
      </Dialog>
    </Card>
  );
}

function WebhookForm(props: {
  initial: string;
  pending: boolean;
  error: Error | null;
  submitLabel: string;
  onSubmit: (url: string) => void;
  onCancel?: () => void;
}) {
  const [url, setUrl] = useState(props.initial);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const parsed = webhookUrlSchema.safeParse(url);
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? "Enter a valid URL");
    setProblem(null);
    props.onSubmit(parsed.data);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-2" noValidate>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Webhook URL</span>
        <input
          type="url"
          name="webhookUrl"
          value={url}
          onChange={(ev) => setUrl(ev.target.value)}
          placeholder="https://hooks.example.com/pegasus"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? "webhook-url-problem" : undefined}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      {problem ? (
        <p id="webhook-url-problem" role="alert" className="text-red-700 dark:text-red-300">
          {problem}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={props.pending}>
          {props.submitLabel}
        </Button>
        {props.onCancel ? (
          <Button size="sm" variant="secondary" onClick={props.onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
      <MutationError error={props.error} />
    </form>
  );
}

/** The signing secret right after it was generated: the only time the console shows it. */
function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div
      role="status"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950/40"
      data-testid="alert-signing-secret"
    >
      <p className="font-medium">Signing secret — copy it now, it is not shown again</p>
      <p className="mt-1">
        The receiver checks the <code>X-Pegasus-Signature</code> header (
        <code>t=&lt;unix&gt;,v1=&lt;HMAC-SHA256 of &quot;t.body&quot;&gt;</code>) with it.
      </p>
      <code
        className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono dark:bg-slate-900"
        data-testid="alert-signing-secret-value"
      >
        {secret}
      </code>
      <div className="mt-2 flex gap-2">
        <Button size="sm" variant="secondary" onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true))}>
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button size="sm" onClick={onDone}>
          I have saved it
        </Button>
      </div>
    </div>
  );
}

function TestOutcome({ result }: { result: WebhookTestResult }) {
  const refusal = result.refused && result.error ? `${result.error.charAt(0).toUpperCase()}${result.error.slice(1)}.` : null;
  const text =
    result.status !== null
      ? `The receiver answered HTTP ${result.status} in ${result.ms} ms.`
      : (refusal ?? `No answer: ${result.error ?? "unknown error"}.`);
  return (
    <p
      role="status"
      data-testid="alert-test-result"
      className={result.delivered ? "text-emerald-700 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}
    >
      {result.delivered ? "Test message delivered. " : "Test message not delivered. "}
      {text}
    </p>
  );
}
