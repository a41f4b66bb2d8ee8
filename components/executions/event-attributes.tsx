"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { JsonViewer } from "@/components/json/json-viewer";
import { temporalEventQuery } from "@/lib/queries/temporal";
import type { Decoded, DecodedEvent, DecodedFailure, DecodedPayload } from "@/lib/temporal/decode";

/** Bytes in words: 512 B, 12.3 KB, 4.6 MB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const isPayload = (v: Decoded): v is DecodedPayload =>
  typeof v === "object" && v !== null && !Array.isArray(v) && (v as { kind?: unknown }).kind === "payload" && "state" in v;
const isFailure = (v: Decoded): v is DecodedFailure =>
  typeof v === "object" && v !== null && !Array.isArray(v) && (v as { kind?: unknown }).kind === "failure" && "failureKind" in v;

/** One payload: its value (JSON), or why it is not shown, always with encoding and size. */
export function PayloadView({ p, onLoad }: { p: DecodedPayload; onLoad?: () => void }) {
  const meta = (
    <span className="text-xs text-slate-500">
      {p.encoding} · {formatBytes(p.size)}
    </span>
  );
  if (p.state === "value") {
    return (
      <div data-testid="payload-value" className="space-y-1">
        {meta}
        <JsonViewer value={p.value ?? null} label="Payload" emptyText="null" />
      </div>
    );
  }
  if (p.state === "hidden") {
    return (
      <p data-testid="payload-hidden" className="text-sm">
        <Badge>Value hidden</Badge> {meta} <span className="text-slate-500">— shown to roles that may run workflows.</span>
      </p>
    );
  }
  if (p.state === "deferred") {
    return (
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone="info">Large payload</Badge> {meta}
        {onLoad ? (
          <Button size="sm" variant="secondary" onClick={onLoad}>
            Load {formatBytes(p.size)}
          </Button>
        ) : null}
      </p>
    );
  }
  return (
    <p className="text-sm">
      <Badge>Binary</Badge> {meta}
    </p>
  );
}

/** A failure with type, non-retryable flag, message, stack trace and its cause chain. */
export function FailureView({ f, depth = 0 }: { f: DecodedFailure; depth?: number }) {
  return (
    <div className={depth ? "mt-2 border-l-2 border-red-200 pl-3 dark:border-red-900" : ""} data-testid="failure">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        {depth ? <span className="text-xs text-slate-500">caused by</span> : null}
        {f.type ? <Badge tone="danger">{f.type}</Badge> : null}
        {f.nonRetryable ? <Badge tone="warning">Non-retryable</Badge> : null}
        {f.timeoutType ? <Badge>{f.timeoutType} timeout</Badge> : null}
        {f.retryState ? <span className="text-xs text-slate-500">retry state: {f.retryState}</span> : null}
        {f.source ? <span className="text-xs text-slate-500">from {f.source}</span> : null}
      </p>
      <p className="mt-1 whitespace-pre-wrap break-words text-sm text-red-800 dark:text-red-200">{f.message || "(no message)"}</p>
      {f.stackTrace ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-300">Stack trace</summary>
          <pre className="mt-1 max-h-72 overflow-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-900">{f.stackTrace}</pre>
        </details>
      ) : null}
      {f.details.map((d, i) => (
        <PayloadView key={i} p={d} />
      ))}
      {f.cause ? <FailureView f={f.cause} depth={depth + 1} /> : null}
    </div>
  );
}

function words(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

function ValueView({ v, onLoad }: { v: Decoded; onLoad?: () => void }) {
  if (v === null) return <span className="text-slate-500">—</span>;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean")
    return <span className="break-all font-mono text-xs">{String(v)}</span>;
  if (isPayload(v)) return <PayloadView p={v} onLoad={onLoad} />;
  if (isFailure(v)) return <FailureView f={v} />;
  if (Array.isArray(v)) {
    if (v.length === 0) return <span className="text-slate-500">none</span>;
    return (
      <div className="space-y-2">
        {v.map((x, i) => (
          <ValueView key={i} v={x} onLoad={onLoad} />
        ))}
      </div>
    );
  }
  return <AttributeList attrs={v as Record<string, Decoded>} onLoad={onLoad} />;
}

function AttributeList({ attrs, onLoad }: { attrs: Record<string, Decoded>; onLoad?: () => void }) {
  const entries = Object.entries(attrs);
  if (entries.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[12rem_1fr]">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-xs font-medium text-slate-500">{words(k)}</dt>
          <dd className="min-w-0">
            <ValueView v={v} onLoad={onLoad} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The expandable details of one event; large payloads load with the event on its own. */
export function EventAttributes({ event, workflowId, executionId }: { event: DecodedEvent; workflowId: string; executionId: string }) {
  const [loadFull, setLoadFull] = useState(false);
  const full = useQuery({ ...temporalEventQuery(workflowId, executionId, event.id), enabled: loadFull });
  const shown = full.data?.event ?? event;
  return (
    <div className="space-y-2" data-testid="event-attributes">
      <p className="text-xs text-slate-500">
        {shown.type} · event {shown.id}
        {shown.taskQueue ? ` · task queue ${shown.taskQueue}` : ""}
        {shown.identity ? ` · worker ${shown.identity}` : ""}
        {shown.payloadBytes ? ` · payloads ${formatBytes(shown.payloadBytes)}` : ""}
      </p>
      {full.isFetching ? <p className="text-sm text-slate-500">Loading the full event…</p> : null}
      {full.isError ? <p className="text-sm text-red-700">The full event could not be loaded: {full.error.message}</p> : null}
      <AttributeList attrs={shown.attributes} onLoad={event.hasDeferred && !loadFull ? () => setLoadFull(true) : undefined} />
    </div>
  );
}
