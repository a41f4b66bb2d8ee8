"use client";
import { ExecutionSearch } from "@/components/executions/execution-search";
import { ExecutionsList } from "@/components/executions/executions-list";
import { NeedsAttention } from "@/components/executions/needs-attention";
import { SavedViews } from "@/components/executions/saved-views";
import { StuckAttention } from "@/components/executions/stuck-attention";

/** Client body of /executions: what needs attention, then the cross-workflow list with its URL filters. */
export function ExecutionsPageClient() {
  return (
    <>
      <NeedsAttention />
      <StuckAttention />
      <SavedViews />
      <ExecutionSearch />
      <ExecutionsList />
    </>
  );
}
