// The Cedar action ids a manifest may declare in `requiredActions` (pegasus-api.md §1.5 and §12),
// each with words a business user understands, a group and whether using it is billed (§10.2).

export type ActionGroup = "read-data" | "change-data" | "send-messages" | "call-partners" | "platform";

/** Display order of the groups: what reaches people and partners first. */
export const ACTION_GROUP_ORDER: readonly ActionGroup[] = ["send-messages", "call-partners", "change-data", "read-data", "platform"];

/** Group headings as the envelope card shows them. */
export const ACTION_GROUP_LABELS: Record<ActionGroup, string> = {
  "read-data": "Read data",
  "change-data": "Change data",
  "send-messages": "Send messages to people",
  "call-partners": "Call partners",
  platform: "Platform and other",
};

export interface ActionInfo {
  id: string;
  /** What the action lets the automation do, in plain words. */
  explanation: string;
  group: ActionGroup;
  /** Counted against the usage pool (contract §10.2). */
  billable: boolean;
  /** When only part of the use is billed. */
  billingNote?: string;
  /** Permission string, where the contract confirms it. */
  permission?: string;
  /** False for ids the console does not know (still shown, never hidden). */
  known: boolean;
}

type Entry = [id: string, group: ActionGroup, explanation: string, permission?: string];

const ENTRIES: readonly Entry[] = [
  // Send messages to people
  ["SendSms", "send-messages", "Send text messages to customers", "sms:send"],
  ["SendEmail", "send-messages", "Send emails"],
  ["UpdateTextMessage", "send-messages", "Change text messages already sent"],
  // Call partners
  ["DeliverToExternal", "call-partners", "Deliver data to partner systems", "integration:deliver"],
  ["CallExternal", "call-partners", "Call partner systems' APIs", "integration:call"],
  // Change data
  ["CloseTask", "change-data", "Close tasks", "task:close"],
  ["CreateEvent", "change-data", "Create events on records"],
  ["WriteIntegrationProjection", "change-data", "Change the partner data kept in sync (projections)", "integration_projection:write"],
  ["WriteBlob", "change-data", "Store files", "blob:write"],
  ["WriteWorkflowState", "change-data", "Save its own working state"],
  ["ManageSmsOptOut", "change-data", "Change who has opted out of text messages"],
  ["CreateFeedbackRequest", "change-data", "Send feedback requests"],
  ["ManageFeedbackForms", "change-data", "Create and change feedback forms"],
  // Read data
  ["ReadQuote", "read-data", "Read quotes"],
  ["ReadMove", "read-data", "Read moves"],
  ["ListMoves", "read-data", "List moves"],
  ["ReadInvoice", "read-data", "Read invoices"],
  ["ReadCustomer", "read-data", "Read customer records"],
  ["ReadOrder", "read-data", "Read orders", "order:read"],
  ["ReadTask", "read-data", "Read tasks", "task:read"],
  ["ReadSalesman", "read-data", "Read salesperson records", "salesman:read"],
  ["ReadEvent", "read-data", "Read events on records", "event:read"],
  ["ReadTextMessage", "read-data", "Read text messages"],
  ["ReadSmsOptOut", "read-data", "Read who has opted out of text messages"],
  ["ReadIntegrationProjection", "read-data", "Read the partner data kept in sync (projections)", "integration_projection:read"],
  ["ReadBlob", "read-data", "Read stored files", "blob:read"],
  ["ReadWorkflowState", "read-data", "Read its own working state"],
  ["ReadWorkflowSecret", "read-data", "Read its secrets (such as partner API keys)", "workflow_secret:read"],
  ["ReadWorkflowConfig", "read-data", "Read its configuration values", "workflow_config:read"],
  ["ReadReportingDataset", "read-data", "Read reporting data"],
  ["ReadUsage", "read-data", "Read the usage and billing summary"],
  ["ReadFeedbackForms", "read-data", "Read feedback forms"],
  ["ReadWorkflow", "read-data", "Read automations and their runs", "workflow:read"],
  ["ReadIntegrationConfig", "read-data", "Read integration configs", "integration_config:read"],
  // Platform and other
  ["EmitTenantEvent", "platform", "Emit events that can start other automations", "event_type:emit"],
  ["UploadWorkflow", "platform", "Publish, fork and retire automations", "workflow:upload"],
  ["RunWorkflow", "platform", "Start automations", "workflow:run"],
  ["ManageWorkflowTriggers", "platform", "Add, change and remove automation triggers", "workflow:manage_triggers"],
  ["CancelWorkflowExecution", "platform", "Cancel automation runs", "workflow:cancel_execution"],
  ["RetryWorkflowExecution", "platform", "Retry automation runs", "workflow:retry_execution"],
  ["ManageWorkflowSecrets", "platform", "Add and delete automation secrets", "workflow_secret:manage"],
  ["ManageWorkflowConfigs", "platform", "Add, change and delete automation configuration", "workflow_config:manage"],
  ["PublishIntegrationConfig", "platform", "Publish integration configs", "integration_config:publish"],
  ["ManageIngress", "platform", "Manage partner inbound credentials", "ingress:manage"],
  ["ManageEventTypes", "platform", "Create and change custom event types", "event_type:manage"],
];

const BILLING: Record<string, string | true> = {
  SendSms: true,
  SendEmail: true,
  UpdateTextMessage: true,
  CloseTask: true,
  DeliverToExternal: "Billed when the partner accepts the delivery",
  CallExternal: "Billed for calls that change data at the partner",
};

const CATALOG: ReadonlyMap<string, ActionInfo> = new Map(
  ENTRIES.map(([id, group, explanation, permission]) => {
    const billing = BILLING[id];
    const info: ActionInfo = { id, group, explanation, billable: billing !== undefined, known: true };
    if (typeof billing === "string") info.billingNote = billing;
    if (permission) info.permission = permission;
    return [id, info] as const;
  }),
);

/** Every action id the console knows, in catalogue order. */
export const KNOWN_ACTION_IDS: readonly string[] = ENTRIES.map(([id]) => id);

/** The catalogue entry of an action id; unknown ids get a neutral platform entry marked `known: false`. */
export function actionInfo(id: string): ActionInfo {
  return (
    CATALOG.get(id) ?? {
      id,
      group: "platform",
      explanation: `Platform action "${id}" (not described by this console)`,
      billable: false,
      known: false,
    }
  );
}

/** Action ids grouped in display order (messages and partners first); duplicates collapsed, ids sorted within a group. */
export function groupActions(ids: readonly string[]): { group: ActionGroup; label: string; actions: ActionInfo[] }[] {
  const unique = [...new Set(ids)];
  return ACTION_GROUP_ORDER.map((group) => ({
    group,
    label: ACTION_GROUP_LABELS[group],
    actions: unique
      .map(actionInfo)
      .filter((a) => a.group === group)
      .sort((a, b) => a.id.localeCompare(b.id)),
  })).filter((g) => g.actions.length > 0);
}
