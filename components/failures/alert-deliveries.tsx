"use client";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatInstant } from "@/components/workflows/workflow-bits";
import type { AlertDeliveryView } from "@/lib/alerts/schemas";

const TYPE_TEXT: Record<string, string> = { "failure_group.new": "New failure", "failure_group.reopened": "Re-opened", test: "Test" };
const STATUS: Record<AlertDeliveryView["status"], { text: string; tone: "success" | "danger" | "info" | "warning" }> = {
  delivered: { text: "Delivered", tone: "success" },
  failed: { text: "Not delivered", tone: "danger" },
  pending: { text: "Waiting to retry", tone: "warning" },
  sending: { text: "Sending", tone: "info" },
};

/** The latest messages sent to the tenant's webhook: what, when, how it went. */
export function AlertDeliveries({ deliveries }: { deliveries: readonly AlertDeliveryView[] }) {
  if (deliveries.length === 0) return <p className="text-sm text-slate-500">No messages sent yet.</p>;
  return (
    <Table stacked aria-label="Latest alert messages" data-testid="alert-deliveries">
      <THead>
        <tr>
          <TH>Queued</TH>
          <TH>Message</TH>
          <TH>Status</TH>
          <TH>Attempts</TH>
          <TH>Last answer</TH>
        </tr>
      </THead>
      <TBody>
        {deliveries.map((d) => (
          <TR key={d.id}>
            <TD className="whitespace-nowrap">{formatInstant(d.createdAt)}</TD>
            <TD>
              {TYPE_TEXT[d.type] ?? d.type}
              {d.workflowName ? <span className="ml-1 font-mono text-xs">{d.workflowName}</span> : null}
            </TD>
            <TD>
              <Badge tone={STATUS[d.status].tone}>{STATUS[d.status].text}</Badge>
              {d.nextAttemptAt && d.status === "pending" ? (
                <span className="ml-1 text-xs text-slate-500">next at {d.nextAttemptAt.slice(11, 19)} UTC</span>
              ) : null}
            </TD>
            <TD>{d.attempts}</TD>
            <TD className="text-xs">{d.lastStatus !== null ? `HTTP ${d.lastStatus}` : (d.lastError ?? "—")}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
