"use client";
import { parseAsString, useQueryStates } from "nuqs";
import { useMemo } from "react";
import { EXECUTION_FILTER_PARAMS, executionFiltersToSearchParams, parseExecutionFilters, type ExecutionFilters } from "@/lib/executions";

type FilterParam = (typeof EXECUTION_FILTER_PARAMS)[number];
type RawFilters = Record<FilterParam, string | null>;

/** Each filter parameter as its raw URL text; lib/executions parses and checks them as one set. */
const urlState = Object.fromEntries(EXECUTION_FILTER_PARAMS.map((k) => [k, parseAsString])) as Record<FilterParam, typeof parseAsString>;

const EMPTY: ExecutionFilters = { status: [], workflowIds: [], triggerSource: [] };

function toParams(raw: Partial<RawFilters>): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of EXECUTION_FILTER_PARAMS) {
    const v = raw[k];
    if (v) p.set(k, v);
  }
  return p;
}

function fromParams(p: URLSearchParams): RawFilters {
  return Object.fromEntries(EXECUTION_FILTER_PARAMS.map((k) => [k, p.get(k) || null])) as RawFilters;
}

/** A change to the filters: the fields to set, or a function of the filters as they are at that moment. */
export type FilterChange = Partial<ExecutionFilters> | ((current: ExecutionFilters) => Partial<ExecutionFilters>);

/**
 * The executions list's filters in the URL, through nuqs: every change is computed from the URL
 * state at the moment it applies (nuqs's queue), so two quick changes both land instead of the
 * second undoing the first. `omitWorkflow` (a workflow's own page) keeps workflow filters out of the URL.
 */
export function useExecutionFilters({ omitWorkflow = false }: { omitWorkflow?: boolean } = {}) {
  const [raw, setRaw] = useQueryStates(urlState, { history: "replace", scroll: false });
  const query = toParams(raw).toString();
  const parsed = useMemo(() => parseExecutionFilters(new URLSearchParams(query)), [query]);

  function setFilters(change: FilterChange) {
    return setRaw((old) => {
      const current = parseExecutionFilters(toParams(old));
      const base = current.ok ? current.filters : EMPTY;
      const merged = { ...base, ...(typeof change === "function" ? change(base) : change) };
      return fromParams(executionFiltersToSearchParams(omitWorkflow ? { ...merged, workflowIds: [], workflowNames: [] } : merged));
    });
  }
  /** Replaces every filter with those of a query string (a saved view); "" clears them. */
  function applyQuery(text: string) {
    return setRaw(fromParams(new URLSearchParams(text)));
  }
  function clear() {
    return setRaw(fromParams(new URLSearchParams()));
  }
  const anyFilter = EXECUTION_FILTER_PARAMS.some((k) => raw[k] && !(omitWorkflow && (k === "workflow" || k === "name")));
  return { parsed, filters: parsed.ok ? parsed.filters : EMPTY, query, setFilters, applyQuery, clear, anyFilter };
}
