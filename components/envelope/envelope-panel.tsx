import Link from "next/link";
import { countOf } from "@/lib/text/count";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { formatSeconds, type Envelope, type EnvelopeKey } from "@/lib/envelope";
import { formatUtcMinute } from "@/lib/triggers";
import { BilledBadge, BILLABLE_EXPLANATION } from "./billed-badge";

function Section({ title, children, count }: { title: string; children: ReactNode; count?: number }) {
  return (
    <section className="border-b border-slate-200 px-5 py-4 last:border-b-0 dark:border-slate-800" aria-label={title}>
      <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">
        {title}
        {count !== undefined ? <span className="ml-1 font-normal text-slate-500 dark:text-slate-400">({count})</span> : null}
      </h3>
      <div className="mt-2 text-sm">{children}</div>
    </section>
  );
}

function Triggers({ envelope }: { envelope: Envelope }) {
  if (envelope.triggers.emptyText) return <p className="text-slate-600 dark:text-slate-400">{envelope.triggers.emptyText}</p>;
  return (
    <ul className="flex flex-col gap-3">
      {envelope.triggers.items.map((t) => (
        <li key={t.id} data-testid={`envelope-trigger-${t.id}`} className={t.enabled ? "" : "opacity-70"}>
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={t.kind === "SCHEDULE" ? "info" : "neutral"}>{t.wording.badge}</Badge>
            {t.enabled ? null : <Badge tone="warning">Disabled</Badge>}
            <span className="font-medium">{t.wording.headline}</span>
          </div>
          {t.wording.explanation ? <p className="mt-1 text-slate-600 dark:text-slate-400">{t.wording.explanation}</p> : null}
          {t.wording.conditions ? <p className="mt-1 text-slate-700 dark:text-slate-300">Only when {t.wording.conditions}.</p> : null}
          {t.wording.nextRuns.length > 0 ? (
            <p className="mt-1 text-slate-600 dark:text-slate-400">
              Next runs at {t.wording.nextRuns.map((d) => formatUtcMinute(d)).join(", ")} (UTC).
            </p>
          ) : null}
          {t.wording.warning ? <p className="mt-1 text-amber-800 dark:text-amber-300">{t.wording.warning}</p> : null}
        </li>
      ))}
    </ul>
  );
}

function Actions({ envelope }: { envelope: Envelope }) {
  const { actions } = envelope;
  if (actions.emptyText) return <p className="text-slate-600 dark:text-slate-400">{actions.emptyText}</p>;
  return (
    <div className="flex flex-col gap-3">
      {actions.groups.map((g) => (
        <div key={g.group}>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{g.label}</h4>
          <ul className="mt-1 flex flex-col gap-1">
            {g.actions.map((a) => (
              <li key={a.id} className="flex flex-wrap items-baseline gap-x-2">
                <span>{a.explanation}</span>
                <code className="font-mono text-xs text-slate-500 dark:text-slate-400">{a.id}</code>
                {a.billable ? <BilledBadge note={a.billingNote} /> : null}
                {a.known ? null : <Badge tone="neutral">Unknown action</Badge>}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {actions.billable.length > 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="billed-explained">
          Billed: {BILLABLE_EXPLANATION}{" "}
          <Link href="/usage" className="text-brand-700 underline dark:text-brand-100">
            See what your automations used this term
          </Link>
          .
        </p>
      ) : null}
    </div>
  );
}

function KeyRow({ k, failureNote }: { k: EnvelopeKey; failureNote?: string }) {
  const status =
    k.present === true ? (
      <Badge tone="success">Set</Badge>
    ) : k.present === false ? (
      <Badge tone="warning">Not set</Badge>
    ) : (
      <Badge tone="neutral">Unknown</Badge>
    );
  return (
    <li className="flex flex-wrap items-baseline gap-x-2" data-testid={`envelope-key-${k.kind}-${k.group}-${k.key}`}>
      <code className="font-mono text-xs">
        {k.group}/{k.key}
      </code>
      {status}
      {k.description ? <span className="text-slate-600 dark:text-slate-400">{k.description}</span> : null}
      {failureNote ? (
        <span className="basis-full text-xs text-red-800 dark:text-red-300" data-testid="key-failure-note">
          {failureNote}
        </span>
      ) : null}
    </li>
  );
}

function Keys({
  envelope,
  canManage,
  failureNotes,
}: {
  envelope: Envelope;
  canManage: boolean;
  failureNotes: Readonly<Record<string, string>>;
}) {
  if (envelope.secrets.length === 0 && envelope.configs.length === 0)
    return <p className="text-slate-600 dark:text-slate-400">This automation declares no secrets or configuration keys.</p>;
  return (
    <div className="flex flex-col gap-3">
      {envelope.secrets.length > 0 ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Secrets</h4>
          <ul className="mt-1 flex flex-col gap-1">
            {envelope.secrets.map((k) => (
              <KeyRow key={`${k.group}/${k.key}`} k={k} failureNote={failureNotes[`SECRET:${k.group}/${k.key}`]} />
            ))}
          </ul>
        </div>
      ) : null}
      {envelope.configs.length > 0 ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Configuration</h4>
          <ul className="mt-1 flex flex-col gap-1">
            {envelope.configs.map((k) => (
              <KeyRow key={`${k.group}/${k.key}`} k={k} failureNote={failureNotes[`CONFIG:${k.group}/${k.key}`]} />
            ))}
          </ul>
        </div>
      ) : null}
      {envelope.missingCount > 0 ? (
        // What is known, not a forecast: a manifest cannot mark a key optional, and many fall back to defaults.
        <p className="text-amber-900 dark:text-amber-200" data-testid="envelope-missing-note">
          {countOf(envelope.missingCount, "declared key")} {envelope.missingCount === 1 ? "is" : "are"} not set.
          {Object.keys(failureNotes).length > 0
            ? " Recent runs failed on a key where it says so."
            : " No recent run of this version failed on one."}
        </p>
      ) : null}
      {!envelope.presenceKnown ? (
        <p className="text-slate-600 dark:text-slate-400">Whether these keys are set is not known for this version.</p>
      ) : null}
      {canManage ? (
        <p>
          <Link href="/secrets" className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-100">
            Manage secrets and configuration
          </Link>
        </p>
      ) : null}
    </div>
  );
}

/** The verified envelope (contract §6) in plain language: triggers, permitted actions, keys, timeout. */
export function EnvelopePanel({
  envelope,
  canManageKeys,
  keyFailureNotes = {},
}: {
  envelope: Envelope;
  canManageKeys: boolean;
  /** `SECRET:group/KEY` or `CONFIG:group/KEY` → what recent runs showed about that key (only when one failed on it). */
  keyFailureNotes?: Readonly<Record<string, string>>;
}) {
  return (
    <div data-testid="envelope">
      <Section title="Triggers" count={envelope.triggers.items.length}>
        <Triggers envelope={envelope} />
      </Section>
      <Section title="Permitted actions" count={envelope.actions.ids.length}>
        <Actions envelope={envelope} />
      </Section>
      <Section title="Secrets and configuration" count={envelope.secrets.length + envelope.configs.length}>
        <Keys envelope={envelope} canManage={canManageKeys} failureNotes={keyFailureNotes} />
      </Section>
      <Section title="Time limit">
        <p>
          Each run may take up to {formatSeconds(envelope.timeout.seconds)}
          {envelope.timeout.declared ? "." : " (the platform default; the author declared none)."}
        </p>
      </Section>
    </div>
  );
}
