"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/executions/copy-button";
import { childContainers, containersBelow, jsonLines, type JsonLine } from "@/lib/json/json-lines";
import { countOf } from "@/lib/text/count";

const ROW_PX = 20;
const TYPE_CLASS: Record<JsonLine["type"], string> = {
  string: "text-emerald-700 dark:text-emerald-300",
  number: "text-sky-700 dark:text-sky-300",
  boolean: "text-violet-700 dark:text-violet-300",
  null: "text-slate-500",
  object: "",
  array: "",
};

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A read-only JSON tree: collapse/expand, copy, and virtualized lines so megabyte payloads stay
 * fast (containers below depth 2 start collapsed; only visible lines are in the DOM).
 */
export function JsonViewer({ value, label, emptyText = "Nothing here." }: { value: unknown; label: string; emptyText?: string }) {
  const text = useMemo(() => (value === undefined ? "" : (JSON.stringify(value, null, 2) ?? "")), [value]);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => containersBelow(value, 2));
  const lines = useMemo(() => jsonLines(value, collapsed), [value, collapsed]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 20,
  });

  if (value === undefined || value === null) return <p className="text-sm text-slate-500">{emptyText}</p>;

  function toggle(line: JsonLine) {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (prev.has(line.path)) {
        next.delete(line.path);
        // Opening one level at a time keeps a huge subtree from flooding the list.
        for (const child of childContainers(line.value, line.path)) next.add(child);
      } else next.add(line.path);
      return next;
    });
  }

  return (
    <div className="rounded-md border border-slate-200 dark:border-slate-800">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-3 py-1.5 text-xs text-slate-500 dark:border-slate-800">
        <span>
          {label} · {formatBytes(new TextEncoder().encode(text).length)} · {lines.length} line{lines.length === 1 ? "" : "s"} shown
        </span>
        <span className="flex gap-1">
          <Button variant="ghost" size="sm" onClick={() => setCollapsed(new Set())}>
            Expand all
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setCollapsed(containersBelow(value, 1))}>
            Collapse
          </Button>
          <CopyButton text={text} what={label} />
        </span>
      </div>
      <div ref={scrollRef} className="max-h-96 overflow-auto font-mono text-xs" role="region" aria-label={label} tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index] as JsonLine;
            const container = line.kind === "open" || line.kind === "collapsed";
            return (
              <div
                key={`${line.path}:${line.kind}`}
                className="absolute left-0 top-0 flex w-full items-center whitespace-pre px-2 hover:bg-slate-50 dark:hover:bg-slate-800/50"
                style={{ height: ROW_PX, transform: `translateY(${item.start}px)`, paddingLeft: 8 + line.depth * 16 }}
              >
                {container ? (
                  <button
                    type="button"
                    onClick={() => toggle(line)}
                    aria-expanded={line.kind === "open"}
                    className="mr-1 w-4 text-slate-500 hover:text-slate-900 dark:hover:text-white"
                    aria-label={`${line.kind === "open" ? "Collapse" : "Expand"} ${line.label ?? (line.path || "root")}`}
                  >
                    {line.kind === "open" ? "▾" : "▸"}
                  </button>
                ) : (
                  <span className="mr-1 w-4" />
                )}
                {line.label !== null ? <span className="text-slate-700 dark:text-slate-300">{JSON.stringify(line.label)}: </span> : null}
                <span className={TYPE_CLASS[line.type]}>{line.text}</span>
                {line.kind === "collapsed" ? (
                  <span className="ml-1 text-slate-400">{countOf(line.size, line.type === "array" ? "item" : "key")}</span>
                ) : null}
                {line.truncated ? <span className="ml-1 text-slate-400">(shortened; copy for the full value)</span> : null}
                {line.comma ? <span>,</span> : null}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
