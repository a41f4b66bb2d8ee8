import { randomUUID } from "node:crypto";
import type { SandboxContext } from "../context";

/** Actions billed per call (§10.2); everything else is recorded as free. */
export const BILLABLE_ACTIONS = ["SendSms", "SendEmail", "UpdateTextMessage", "CloseTask", "DeliverToExternal", "CallExternal"];

/** Record one metered action (runtime routes call this after a successful, non-dry-run mutation). */
export function recordUsage(
  ctx: SandboxContext,
  input: { tenantId: string; action: string; workflowId?: string | null; executionId?: string | null; billable?: boolean; occurredAt?: string },
): void {
  const billable = input.billable ?? BILLABLE_ACTIONS.includes(input.action);
  ctx.db
    .prepare("INSERT INTO usage_events (id, tenant_id, workflow_id, execution_id, action, billable, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .run(randomUUID(), input.tenantId, input.workflowId ?? null, input.executionId ?? null, input.action, billable ? 1 : 0, input.occurredAt ?? new Date().toISOString());
}
