"use client";
import { useId, useMemo, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { describeCron, nextFireTimes, validateCron } from "@/lib/cron";
import type { EventType, Trigger } from "@/lib/schemas/trigger";
import {
  describeFilter,
  eventTypeCatalog,
  explainEventType,
  FILTER_OPERATORS,
  formatUtcMinute,
  parseFilterText,
  type FilterOperator,
} from "@/lib/triggers";
import type { TriggerFormValue } from "@/lib/triggers/form-value";
import { draftToFilter, filterToDraft, OPERATOR_LABELS, validateDraft, type FilterDraft } from "@/lib/triggers/filter-builder";

export type { TriggerFormValue };

const inputClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950";

/** Add or edit one trigger: a cron with its plain reading and next five times, or an event with a filter. */
export function TriggerForm({
  initial,
  customTypes,
  pending,
  onSubmit,
  onCancel,
  submitLabel,
}: {
  initial: Trigger | null;
  customTypes: EventType[];
  pending: boolean;
  onSubmit: (value: TriggerFormValue) => void;
  onCancel: () => void;
  submitLabel: string;
}) {
  const ids = useId();
  const [kind, setKind] = useState<"SCHEDULE" | "EVENT">(initial?.kind ?? "SCHEDULE");
  const [cron, setCron] = useState(initial?.cronExpression ?? "*/15 * * * *");
  const [eventType, setEventType] = useState(initial?.eventType ?? "quote.accepted");
  const initialDraft = filterToDraft(initial?.filter ?? null);
  const [draft, setDraft] = useState<FilterDraft>(initialDraft ?? { join: "all", rows: [] });
  const [jsonMode, setJsonMode] = useState(initialDraft === null);
  const [jsonText, setJsonText] = useState(initial?.filter ? JSON.stringify(initial.filter, null, 2) : "");
  const now = useMemo(() => new Date(), []);

  const cronError = kind === "SCHEDULE" ? validateCron(cron) : null;
  const cronReading = kind === "SCHEDULE" && !cronError ? describeCron(cron) : null;
  const cronNext = kind === "SCHEDULE" && !cronError ? nextFireTimes(cron, now, 5) : [];
  const filterCheck = jsonMode ? parseFilterText(jsonText) : validateDraft(draft);
  const filterValue = filterCheck.filter as Record<string, unknown> | null;
  const catalog = eventTypeCatalog(customTypes);
  const canSubmit = kind === "SCHEDULE" ? cronError === null : eventType !== "" && filterCheck.ok;

  const switchToJson = () => {
    setJsonText(JSON.stringify(draftToFilter(draft) ?? {}, null, 2));
    setJsonMode(true);
  };
  const switchToRows = () => {
    const parsed = parseFilterText(jsonText);
    const back = parsed.ok ? filterToDraft(parsed.filter) : null;
    if (back) {
      setDraft(back);
      setJsonMode(false);
    }
  };
  const rowsPossible = jsonMode
    ? (() => {
        const p = parseFilterText(jsonText);
        return p.ok && filterToDraft(p.filter) !== null;
      })()
    : true;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) return;
    if (kind === "SCHEDULE") onSubmit({ kind, cronExpression: cron.trim() });
    else onSubmit({ kind, eventType, filter: filterValue });
  };

  const setRow = (i: number, patch: Partial<FilterDraft["rows"][number]>) =>
    setDraft((d) => ({ ...d, rows: d.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));

  return (
    <form onSubmit={submit} className="flex flex-col gap-4 text-sm" aria-label={submitLabel}>
      {initial ? null : (
        <fieldset className="flex gap-4">
          <legend className="mb-1 font-medium">Kind</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name={`${ids}-kind`} checked={kind === "SCHEDULE"} onChange={() => setKind("SCHEDULE")} />
            Schedule
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={`${ids}-kind`} checked={kind === "EVENT"} onChange={() => setKind("EVENT")} />
            Event
          </label>
        </fieldset>
      )}
      {kind === "SCHEDULE" ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-cron`} className="font-medium">
            Cron expression (UTC)
          </label>
          <input
            id={`${ids}-cron`}
            value={cron}
            onChange={(e) => setCron(e.target.value)}
            className={`${inputClass} font-mono`}
            aria-invalid={cronError !== null}
            aria-describedby={`${ids}-cron-help`}
            spellCheck={false}
          />
          <div id={`${ids}-cron-help`} aria-live="polite">
            {cronError ? (
              <p className="text-red-700 dark:text-red-300">{cronError}</p>
            ) : (
              <>
                <p data-testid="cron-reading">Runs {cronReading}.</p>
                <p className="text-slate-600 dark:text-slate-400">Next five: {cronNext.map(formatUtcMinute).join(", ")} (UTC)</p>
              </>
            )}
          </div>
        </div>
      ) : (
        <>
          <label className="flex flex-col gap-1 font-medium">
            Event type
            <select value={eventType} onChange={(e) => setEventType(e.target.value)} className={inputClass}>
              {catalog.map((g) =>
                g.items.length > 0 ? (
                  <optgroup key={g.group} label={g.label}>
                    {g.items.map((t) => (
                      <option key={t.name} value={t.name}>
                        {t.label} ({t.name})
                      </option>
                    ))}
                  </optgroup>
                ) : null,
              )}
            </select>
          </label>
          {explainEventType(eventType) ? <p className="text-slate-600 dark:text-slate-400">{explainEventType(eventType)}</p> : null}
          <div className="flex flex-col gap-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium">Only when (optional)</span>
              {jsonMode ? (
                <Button variant="ghost" size="sm" onClick={switchToRows} disabled={!rowsPossible}>
                  Use the condition builder
                </Button>
              ) : (
                <Button variant="ghost" size="sm" onClick={switchToJson}>
                  Edit as JSON
                </Button>
              )}
            </div>
            {jsonMode ? (
              <textarea
                aria-label="Filter JSON"
                value={jsonText}
                onChange={(e) => setJsonText(e.target.value)}
                rows={6}
                spellCheck={false}
                className={`${inputClass} font-mono`}
                placeholder='{"path": "status", "op": "eq", "value": "IN_TRANSIT"}'
              />
            ) : (
              <>
                {draft.rows.length > 1 ? (
                  <label className="flex items-center gap-2">
                    Match
                    <select
                      value={draft.join}
                      onChange={(e) => setDraft((d) => ({ ...d, join: e.target.value === "any" ? "any" : "all" }))}
                      className={inputClass}
                    >
                      <option value="all">all conditions</option>
                      <option value="any">any condition</option>
                    </select>
                  </label>
                ) : null}
                {draft.rows.map((row, i) => (
                  <div key={i} className="flex flex-wrap items-center gap-2" data-testid="filter-row">
                    <input
                      aria-label={`Condition ${i + 1} field path`}
                      placeholder="payload path, e.g. status"
                      value={row.path}
                      onChange={(e) => setRow(i, { path: e.target.value })}
                      className={`${inputClass} font-mono`}
                    />
                    <select
                      aria-label={`Condition ${i + 1} operator`}
                      value={row.op}
                      onChange={(e) => setRow(i, { op: e.target.value as FilterOperator })}
                      className={inputClass}
                    >
                      {FILTER_OPERATORS.map((op) => (
                        <option key={op} value={op}>
                          {OPERATOR_LABELS[op]}
                        </option>
                      ))}
                    </select>
                    {row.op === "exists" ? null : (
                      <input
                        aria-label={`Condition ${i + 1} value`}
                        placeholder={row.op === "in" || row.op === "nin" ? "a, b, c" : "value"}
                        value={row.value}
                        onChange={(e) => setRow(i, { value: e.target.value })}
                        className={inputClass}
                      />
                    )}
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => setDraft((d) => ({ ...d, rows: d.rows.filter((_, j) => j !== i) }))}
                      aria-label={`Remove condition ${i + 1}`}
                    >
                      ✕
                    </Button>
                  </div>
                ))}
                <div>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => setDraft((d) => ({ ...d, rows: [...d.rows, { path: "", op: "eq", value: "" }] }))}
                  >
                    Add condition
                  </Button>
                </div>
              </>
            )}
            <div aria-live="polite">
              {filterCheck.errors.map((e) => (
                <p key={`${e.path}:${e.message}`} className="text-red-700 dark:text-red-300">
                  {e.path}: {e.message}
                </p>
              ))}
              {filterCheck.warnings.map((w) => (
                <p key={`${w.path}:${w.message}`} className="text-amber-800 dark:text-amber-300">
                  {w.path}: {w.message}
                </p>
              ))}
              {filterCheck.ok && filterValue ? (
                <p className="text-slate-600 dark:text-slate-400">Fires only when {describeFilter(filterValue)}.</p>
              ) : null}
              {filterCheck.ok && !filterValue ? <p className="text-slate-600 dark:text-slate-400">Fires on every such event.</p> : null}
            </div>
          </div>
        </>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={!canSubmit || pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
