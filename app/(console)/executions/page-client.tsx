"use client";
import { ExecutionsList } from "@/components/executions/executions-list";

/** Client body of /executions: the cross-workflow list with its URL filters. */
export function ExecutionsPageClient() {
  return <ExecutionsList />;
}
