"use client";
import dynamic from "next/dynamic";
import { useId, useRef, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { EditorIssue, JumpRequest } from "./types";

export type { EditorIssue, JumpRequest } from "./types";

const LINE_HEIGHT = 20;

// CodeMirror is fetched only when an editor is first shown (design §7: the JSON editor loads only
// on the pages that use it), and never rendered on the server.
const CodeEditor = dynamic(() => import("./code-editor"), {
  ssr: false,
  loading: () => (
    <div role="status" className="flex h-full items-center justify-center text-xs text-slate-500">
      Loading the editor…
    </div>
  ),
});

/**
 * A JSON editor (CodeMirror, loaded on demand) with line numbers, problems marked where they are
 * and listed below, and a jump-to-line request so a report can point at a place. Tab indents;
 * Escape then Tab leaves the editor (keyboard users are never trapped).
 */
export function JsonEditor({
  value,
  onChange,
  label,
  issues = [],
  jump = null,
  rows = 18,
  readOnly = false,
  note = null,
}: {
  value: string;
  onChange: (next: string) => void;
  label: string;
  issues?: EditorIssue[];
  jump?: JumpRequest | null;
  rows?: number;
  readOnly?: boolean;
  /** A line under the label (for example, how the content is being checked). */
  note?: ReactNode;
}) {
  const id = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  const labelId = `${id}-label`;
  const issuesId = `${id}-issues`;
  return (
    <div>
      <div
        id={labelId}
        className="mb-1 block cursor-text text-sm font-medium"
        onClick={() => boxRef.current?.querySelector<HTMLElement>(".cm-content")?.focus()}
      >
        {label}
      </div>
      {note ? <div className="mb-1 text-xs text-slate-600 dark:text-slate-400">{note}</div> : null}
      <div
        ref={boxRef}
        data-testid="json-editor"
        className={cn(
          "overflow-hidden rounded-md border bg-white font-mono text-xs text-slate-900 focus-within:ring-2 focus-within:ring-brand-500 dark:bg-slate-950 dark:text-slate-100",
          issues.length ? "border-red-400 dark:border-red-700" : "border-slate-300 dark:border-slate-700",
        )}
        style={{ height: `${rows * LINE_HEIGHT + 16}px` }}
      >
        <CodeEditor
          value={value}
          onChange={onChange}
          labelId={labelId}
          describedBy={issues.length ? issuesId : undefined}
          issues={issues}
          jump={jump}
          rows={rows}
          readOnly={readOnly}
        />
      </div>
      <p className="mt-1 text-xs text-slate-500">
        Tab indents; press Escape then Tab to leave the editor (Ctrl-M switches Tab to moving focus).
      </p>
      {issues.length ? (
        <ul id={issuesId} className="mt-1 space-y-0.5 text-xs text-red-700 dark:text-red-300">
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
