"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { executionsListQuery } from "@/lib/queries/executions";
import { Time } from "./time";
import { useExecutionFilters } from "./use-execution-filters";

/**
 * "Find a run from what a customer quotes": an execution id, a Temporal workflow id, or a value
 * anywhere in the input (a moveId, a quote id), across workflows, as `?q=` in the URL. It states how
 * many runs the loaded pages searched and how far back, since the search reads the merged pages.
 */
export function ExecutionSearch({ pageSize = 50 }: { pageSize?: number }) {
  const { parsed, filters, setFilters } = useExecutionFilters();
  const current = parsed.ok ? (filters.q ?? "") : "";
  const [text, setText] = useState(current);
  // Another change of `?q=` (a saved view, back/forward, "Clear filters") refills the box.
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setText(current);
  }
  // The list's own query (same key): its pages carry what each one scanned.
  const list = useInfiniteQuery({ ...executionsListQuery(filters, pageSize), enabled: parsed.ok && current !== "" });

  function apply(value: string) {
    const q = value.trim();
    void setFilters({ q: q || undefined });
  }

  const pages = list.data?.pages ?? [];
  const runs = pages.reduce((n, p) => n + (p.scanned?.runs ?? 0), 0);
  const oldest = [...pages].reverse().find((p) => p.scanned?.oldest)?.scanned?.oldest ?? null;
  return (
    <div className="mb-4">
      <form
        role="search"
        aria-label="Find a run"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(ev) => {
          ev.preventDefault();
          apply(text);
        }}
      >
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm sm:max-w-md">
          <span className="text-xs font-medium text-slate-500">Find a run</span>
          <input
            type="search"
            value={text}
            maxLength={200}
            onChange={(ev) => setText(ev.target.value)}
            placeholder="Execution id, Temporal workflow id, or an input value (move id, quote id)"
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <Button type="submit" size="sm">
          Search
        </Button>
        {current ? (
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={() => {
              setText("");
              apply("");
            }}
          >
            Clear search
          </Button>
        ) : null}
      </form>
      {current && list.isSuccess ? (
        <p role="status" className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="search-window">
          Searched {runs} run{runs === 1 ? "" : "s"}
          {oldest ? (
            <>
              {" "}
              back to <Time iso={oldest} />
            </>
          ) : null}
          {list.hasNextPage ? "; older runs are not searched yet (Load more searches further)." : ", every run there is."}
        </p>
      ) : null}
    </div>
  );
}
