"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { CompareView } from "@/components/executions/compare-view";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { parseExecutionRef } from "@/lib/timeline/compare";

/** Client body of /executions/compare?a=<workflowId>/<executionId>&b=<workflowId>/<executionId>. */
export function ComparePageClient() {
  const params = useSearchParams();
  const a = parseExecutionRef(params.get("a"));
  const b = parseExecutionRef(params.get("b"));
  if (!a || !b) {
    return (
      <Card>
        <EmptyState
          title="Pick two executions"
          action={
            <Link href="/executions" className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100">
              Go to the executions list
            </Link>
          }
        >
          Tick two rows in the executions list and choose Compare. This link needs <code>a</code> and <code>b</code> as
          <code> workflowId/executionId</code>.
        </EmptyState>
      </Card>
    );
  }
  return <CompareView a={a} b={b} />;
}
