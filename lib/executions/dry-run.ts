// A dry run's result envelope (pegasus-api.md §4.3) in plain words: the "would-be side effects"
// tenant-web lists (§13.2). The SDK captures each mutation as {method, capability, args,
// wouldReturn}; current SDKs pass `args` as an object of named arguments, older ones as a list,
// so both are read.
import { dryRunResultSchema, type DryRunResult } from "@/lib/schemas/execution";
import { actionInfo } from "@/lib/envelope";

export interface DescribedEffect {
  method: string;
  /** The Cedar action the call needs (the SDK's `capability`), or "custom". */
  capability: string;
  sentence: string;
  billable: boolean;
}

type Captured = DryRunResult["captured"][number];

// Positional argument names of the older list form, per method.
const POSITIONAL: Record<string, readonly string[]> = {
  send_sms: ["to", "body"],
  send_email: ["to", "subject", "body"],
  emit_event: ["name", "payload"],
  close_task: ["task_id"],
  deliver_to_external: ["integration_id", "external"],
  call_external: ["integration_id", "method", "path"],
  put_projection: ["integration", "entity_type", "key", "state"],
  delete_projection: ["integration", "entity_type", "key"],
};

function argsOf(record: Captured): Record<string, unknown> {
  const args = record.args;
  if (Array.isArray(args)) {
    const names = POSITIONAL[record.method] ?? [];
    return Object.fromEntries(args.map((value, i) => [names[i] ?? String(i), value] as const));
  }
  return args && typeof args === "object" ? (args as Record<string, unknown>) : {};
}

function text(value: unknown, max = 120): string {
  const s = typeof value === "string" ? value : value === undefined || value === null ? "" : JSON.stringify(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function sentenceFor(record: Captured): string {
  const a = argsOf(record);
  switch (record.method) {
    case "send_sms":
      return `Would text ${text(a["to"]) || "someone"}: "${text(a["body"])}"`;
    case "send_email":
      return `Would email ${text(a["to"]) || "someone"}: "${text(a["subject"])}"`;
    case "emit_event":
      return `Would emit the event ${text(a["name"])}`;
    case "close_task":
      return a["task_id"] !== undefined && a["task_id"] !== null
        ? `Would close task ${text(a["task_id"])}`
        : `Would close the ${text(a["task_type"]) || "matching"} task on order ${text(a["order_id"])}`;
    case "deliver_to_external":
      return `Would deliver data to the partner integration ${text(a["integration_id"])}`;
    case "call_external":
      return `Would call ${text(a["method"]) || "the"} ${text(a["path"])} on the partner integration ${text(a["integration_id"])}`.replace(
        /\s+/g,
        " ",
      );
    case "put_projection":
      return `Would save ${text(a["entity_type"])} ${text(a["key"])} in the ${text(a["integration"])} projection`;
    case "delete_projection":
      return `Would delete ${text(a["entity_type"])} ${text(a["key"])} from the ${text(a["integration"])} projection`;
    case "put_blob":
      return `Would store a file${typeof a["size"] === "number" ? ` of ${a["size"]} bytes` : ""}`;
    case "record_side_effect":
      return record.label
        ? `Would perform "${text(record.label)}" (recorded by the workflow)`
        : "Would perform a side effect (recorded by the workflow)";
    default:
      return `Would call ${record.method}${record.capability ? ` (${record.capability})` : ""}`;
  }
}

/** One captured mutation of a dry run as a plain sentence, with its action and billing. */
export function describeCapturedEffect(record: Captured): DescribedEffect {
  const capability = record.capability ?? "custom";
  return {
    method: record.method,
    capability,
    sentence: sentenceFor(record),
    billable: capability !== "custom" && actionInfo(capability).billable,
  };
}

/** Read an execution `result` as a dry-run envelope; null when it is not one. */
export function summarizeDryRun(
  result: unknown,
): { returnValue: unknown; activities: DryRunResult["trace"]; effects: DescribedEffect[] } | null {
  const parsed = dryRunResultSchema.safeParse(result);
  if (!parsed.success) return null;
  return { returnValue: parsed.data.return, activities: parsed.data.trace, effects: parsed.data.captured.map(describeCapturedEffect) };
}
