"use client";
import { useEffect, useId, useMemo, useRef } from "react";
import { cn } from "@/components/ui/cn";

/** A problem to show against a line of the editor. */
export interface EditorIssue {
  line: number | null;
  message: string;
}

/** Ask the editor to move the caret to a line; a new `nonce` repeats the jump. */
export interface JumpRequest {
  line: number;
  nonce: number;
}

function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let i = 1; i < line; i += 1) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}

/**
 * A plain-text JSON editor: a textarea with a line-number gutter, problem lines marked, and a
 * jump-to-line request so a report can point at a place. Tab inserts two spaces; Escape then Tab
 * leaves the field (keyboard users are never trapped).
 */
export function JsonEditor({
  value,
  onChange,
  label,
  issues = [],
  jump = null,
  rows = 18,
  readOnly = false,
}: {
  value: string;
  onChange: (next: string) => void;
  label: string;
  issues?: EditorIssue[];
  jump?: JumpRequest | null;
  rows?: number;
  readOnly?: boolean;
}) {
  const id = useId();
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  const escaped = useRef(false);
  const lineCount = useMemo(() => value.split("\n").length, [value]);
  const badLines = useMemo(() => new Set(issues.map((i) => i.line).filter((l): l is number => l !== null)), [issues]);

  useEffect(() => {
    const area = areaRef.current;
    if (!jump || !area) return;
    const start = offsetOfLine(area.value, jump.line);
    const endBreak = area.value.indexOf("\n", start);
    area.focus();
    area.setSelectionRange(start, endBreak < 0 ? area.value.length : endBreak);
    const lineHeight = 20;
    area.scrollTop = Math.max(0, (jump.line - 3) * lineHeight);
  }, [jump]);

  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <div
        className={cn(
          "flex overflow-hidden rounded-md border font-mono text-xs leading-5",
          issues.length ? "border-red-400 dark:border-red-700" : "border-slate-300 dark:border-slate-700",
        )}
      >
        <div
          ref={gutterRef}
          aria-hidden="true"
          className="select-none overflow-hidden bg-slate-50 px-2 py-2 text-right text-slate-400 dark:bg-slate-900 dark:text-slate-500"
          style={{ height: `${rows * 20 + 16}px` }}
        >
          {Array.from({ length: lineCount }, (_, i) => (
            <div key={i} className={badLines.has(i + 1) ? "bg-red-100 font-semibold text-red-700 dark:bg-red-950 dark:text-red-300" : undefined}>
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          ref={areaRef}
          id={id}
          value={value}
          readOnly={readOnly}
          spellCheck={false}
          aria-invalid={issues.length > 0}
          aria-describedby={issues.length ? `${id}-issues` : undefined}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutterRef.current) gutterRef.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              escaped.current = true;
              return;
            }
            if (e.key === "Tab" && !e.shiftKey && !escaped.current && !readOnly) {
              e.preventDefault();
              const area = e.currentTarget;
              const { selectionStart, selectionEnd } = area;
              const next = `${area.value.slice(0, selectionStart)}  ${area.value.slice(selectionEnd)}`;
              onChange(next);
              requestAnimationFrame(() => area.setSelectionRange(selectionStart + 2, selectionStart + 2));
            }
            escaped.current = false;
          }}
          wrap="off"
          className="w-full resize-y whitespace-pre bg-white px-2 py-2 text-slate-900 outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:bg-slate-950 dark:text-slate-100"
          style={{ height: `${rows * 20 + 16}px` }}
        />
      </div>
      <p className="mt-1 text-xs text-slate-500">Tab indents; press Escape then Tab to leave the editor.</p>
      {issues.length ? (
        <ul id={`${id}-issues`} className="mt-1 space-y-0.5 text-xs text-red-700 dark:text-red-300">
          {issues.slice(0, 20).map((issue, i) => (
            <li key={i}>
              {issue.line !== null ? <span className="font-mono">line {issue.line}: </span> : null}
              {issue.message}
            </li>
          ))}
          {issues.length > 20 ? <li>…and {issues.length - 20} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
