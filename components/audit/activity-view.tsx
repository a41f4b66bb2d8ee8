"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { parseAsString, useQueryStates } from "nuqs";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { saveFile } from "@/components/ui/save-file";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { AUDIT_ACTIONS, auditCsv, isAuditAction, type AuditItem } from "@/lib/audit";
import { auditQuery, collectAudit, type AuditFilters } from "@/lib/queries/audit";
import { BffClientError } from "@/lib/queries/fetcher";

/** The page's filters, each `?key=` in the URL (empty = not set). */
const urlState = {
  actor: parseAsString.withDefault(""),
  action: parseAsString.withDefault(""),
  target: parseAsString.withDefault(""),
  from: parseAsString.withDefault(""),
  to: parseAsString.withDefault(""),
};
/** Most rows one CSV export collects (page by page through the API). */
const EXPORT_MAX_ROWS = 10_000;

function filtersFrom(url: Record<keyof typeof urlState, string>): AuditFilters {
  const f: AuditFilters = {};
  for (const [key, value] of Object.entries(url) as [keyof typeof urlState, string][]) {
    if (value.trim()) f[key] = value.trim();
  }
  return f;
}

/** `<input type="datetime-local">` value (UTC) ↔ ISO instant. */
function toLocalInput(iso: string | undefined): string {
  return iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso).toISOString().slice(0, 16) : "";
}
function fromLocalInput(value: string): string | undefined {
  return value ? new Date(`${value}:00Z`).toISOString() : undefined;
}

function actorLabel(actor: AuditItem["actor"]) {
  if (actor.name) return actor.name;
  if (actor.email) return actor.email;
  return actor.sub ? `${actor.sub.slice(0, 8)}…` : "unknown";
}

/** The Activity page: the tenant's audit trail with filters in the URL, paging and CSV export. */
export function ActivityView() {
  const [url, setUrl] = useQueryStates(urlState, { history: "replace" });
  const filters = filtersFrom(url);
  const list = useInfiniteQuery(auditQuery(filters));
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => String(form.get(key) ?? "").trim();
    void setUrl({
      actor: text("actor"),
      action: text("action"),
      target: text("target"),
      from: fromLocalInput(text("from")) ?? "",
      to: fromLocalInput(text("to")) ?? "",
    });
  }

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const rows = await collectAudit(filters, EXPORT_MAX_ROWS);
      saveFile(
        new Blob([auditCsv(rows)], { type: "text/csv;charset=utf-8" }),
        `activity-${new Date().toISOString().slice(0, 19).replace(/:/g, "")}.csv`,
      );
    } catch (error) {
      setExportError(error instanceof Error ? error.message : "The export failed");
    } finally {
      setExporting(false);
    }
  }

  const inputClass = "mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
  return (
    <div className="space-y-4">
      <Card>
        <form
          onSubmit={apply}
          className="grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-6"
          aria-label="Filter activity"
          key={JSON.stringify(filters)}
        >
          <label className="text-sm lg:col-span-1">
            Person
            <input name="actor" defaultValue={filters.actor ?? ""} placeholder="name, e-mail or id" className={inputClass} />
          </label>
          <label className="text-sm lg:col-span-1">
            Action
            <select name="action" defaultValue={filters.action ?? ""} className={inputClass}>
              <option value="">Any action</option>
              {Object.entries(AUDIT_ACTIONS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm lg:col-span-1">
            Target
            <input name="target" defaultValue={filters.target ?? ""} placeholder="e.g. secret:global/API_KEY" className={inputClass} />
          </label>
          <label className="text-sm">
            From (UTC)
            <input type="datetime-local" name="from" defaultValue={toLocalInput(filters.from)} className={inputClass} />
          </label>
          <label className="text-sm">
            To (UTC)
            <input type="datetime-local" name="to" defaultValue={toLocalInput(filters.to)} className={inputClass} />
          </label>
          <div className="flex items-end gap-2">
            <Button type="submit">Filter</Button>
            <Button variant="secondary" onClick={() => void setUrl(null)}>
              Clear
            </Button>
          </div>
        </form>
      </Card>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={() => void exportCsv()} disabled={exporting || items.length === 0}>
          {exporting ? "Exporting…" : "Export CSV"}
        </Button>
        {exportError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {exportError}
          </p>
        ) : null}
      </div>
      <Card>
        {list.isPending ? (
          <p className="p-4 text-sm text-slate-600" role="status">
            Loading activity…
          </p>
        ) : list.isError ? (
          <ErrorState
            title="The activity log could not be loaded"
            message={list.error.message}
            code={list.error instanceof BffClientError ? list.error.code : null}
            requestId={list.error instanceof BffClientError ? list.error.requestId : null}
            action={<Button onClick={() => void list.refetch()}>Try again</Button>}
          />
        ) : items.length === 0 ? (
          <EmptyState title={Object.keys(filters).length ? "No activity matches these filters" : "No activity yet"}>
            Runs, cancels, retries, secret and config changes and integration publishes made through the console appear here.
          </EmptyState>
        ) : (
          <Table aria-label="Activity">
            <THead>
              <tr>
                <TH>When (UTC)</TH>
                <TH>Who</TH>
                <TH>Action</TH>
                <TH>Target</TH>
                <TH>Reason</TH>
                <TH>Outcome</TH>
              </tr>
            </THead>
            <TBody>
              {items.map((item) => (
                <TR key={`${item.requestId}-${item.at}-${item.action}`}>
                  <TD className="whitespace-nowrap font-mono text-xs">{item.at.slice(0, 19).replace("T", " ")}</TD>
                  <TD>
                    <span title={[item.actor.email, item.actor.sub].filter(Boolean).join(" · ")}>{actorLabel(item.actor)}</span>
                  </TD>
                  <TD>{isAuditAction(item.action) ? AUDIT_ACTIONS[item.action] : item.action}</TD>
                  <TD className="break-all font-mono text-xs">{item.target}</TD>
                  <TD className="max-w-xs break-words">{item.reason ?? <span className="text-slate-400">—</span>}</TD>
                  <TD className="whitespace-nowrap">
                    <span
                      className={item.outcome.status < 400 ? "text-emerald-700 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}
                    >
                      {item.outcome.status}
                      {item.outcome.code ? ` ${item.outcome.code}` : ""}
                    </span>
                    <span className="block font-mono text-[11px] text-slate-500" title="Request id">
                      {item.requestId}
                    </span>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {list.hasNextPage ? (
        <Button variant="secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? "Loading…" : "Load older activity"}
        </Button>
      ) : null}
    </div>
  );
}
