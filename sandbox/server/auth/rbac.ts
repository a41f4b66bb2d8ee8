/**
 * Cedar-equivalent authorization: the action catalog (apps/api/src/authz/actions.ts) and the
 * role → action grants of the contract (§1.4, §1.5). Permission strings marked "unconfirmed"
 * in the contract follow the same `resource:verb` pattern.
 */

export const ACTION_PERMISSIONS = {
  ReadWorkflow: "workflow:read",
  UploadWorkflow: "workflow:upload",
  RunWorkflow: "workflow:run",
  ManageWorkflowTriggers: "workflow:manage_triggers",
  CancelWorkflowExecution: "workflow:cancel_execution",
  RetryWorkflowExecution: "workflow:retry_execution",
  ManageWorkflowSecrets: "workflow_secret:manage",
  ReadWorkflowSecret: "workflow_secret:read",
  ManageWorkflowConfigs: "workflow_config:manage",
  ReadWorkflowConfig: "workflow_config:read",
  ReadIntegrationConfig: "integration_config:read",
  PublishIntegrationConfig: "integration_config:publish",
  DeliverToExternal: "integration:deliver",
  CallExternal: "integration:call",
  ManageIngress: "ingress:manage",
  ManageEventTypes: "event_type:manage",
  EmitTenantEvent: "event_type:emit",
  ReadIntegrationProjection: "integration_projection:read",
  WriteIntegrationProjection: "integration_projection:write",
  ReadBlob: "blob:read",
  WriteBlob: "blob:write",
  SendSms: "sms:send",
  ReadOrder: "order:read",
  ReadTask: "task:read",
  CloseTask: "task:close",
  ReadSalesman: "salesman:read",
  ReadEvent: "event:read",
  CreateEvent: "event:create",
  ReadQuote: "quote:read",
  ReadMove: "move:read",
  ListMoves: "move:list",
  ReadInvoice: "invoice:read",
  ReadCustomer: "customer:read",
  // Later releases; permission strings unconfirmed upstream.
  ReadUsage: "usage:read",
  SendEmail: "email:send",
  UpdateTextMessage: "text_message:update",
  ReadTextMessage: "text_message:read",
  ReadSmsOptOut: "sms_opt_out:read",
  ManageSmsOptOut: "sms_opt_out:manage",
  ReadWorkflowState: "workflow_state:read",
  WriteWorkflowState: "workflow_state:write",
  ManageFeedbackForms: "feedback_form:manage",
  ReadFeedbackForms: "feedback_form:read",
  CreateFeedbackRequest: "feedback_request:create",
  ReadReportingDataset: "reporting_dataset:read",
} as const;

export type ActionId = keyof typeof ACTION_PERMISSIONS;

/** Every known Cedar action id (manifest `requiredActions` must be among these). */
export const ALL_ACTIONS = Object.keys(ACTION_PERMISSIONS) as ActionId[];

/** True when `id` is a known action id. */
export function isActionId(id: string): id is ActionId {
  return Object.prototype.hasOwnProperty.call(ACTION_PERMISSIONS, id);
}

const ROLE_GRANTS: Record<string, readonly ActionId[] | "ALL"> = {
  tenant_admin: "ALL",
  workflow_developer: [
    "ReadWorkflow",
    "UploadWorkflow",
    "RunWorkflow",
    "ManageWorkflowTriggers",
    "CancelWorkflowExecution",
    "RetryWorkflowExecution",
    "ManageEventTypes",
    "ManageWorkflowSecrets",
    "ManageWorkflowConfigs",
    "ManageIngress",
    "ManageFeedbackForms",
    "ReadReportingDataset",
  ],
  integration_publisher: ["ReadIntegrationConfig", "PublishIntegrationConfig"],
  viewer: ["ReadQuote", "ReadMove", "ReadInvoice", "ReadCustomer", "ReadWorkflow", "ReadIntegrationProjection"],
  workflow_runtime: [
    "ReadQuote",
    "ReadMove",
    "ReadInvoice",
    "ReadCustomer",
    "ReadEvent",
    "ReadOrder",
    "ReadTask",
    "CloseTask",
    "CreateEvent",
    "EmitTenantEvent",
    "SendSms",
    "ReadWorkflowSecret",
    "ReadWorkflowConfig",
    "ReadIntegrationProjection",
    "WriteIntegrationProjection",
    // CHANGELOG additions
    "DeliverToExternal",
    "CallExternal",
    "ReadBlob",
    "WriteBlob",
    "CreateFeedbackRequest",
    "ReadSalesman",
    "SendEmail",
    "UpdateTextMessage",
    "ReadWorkflowState",
    "WriteWorkflowState",
  ],
};

/** Role names the sandbox knows. */
export const KNOWN_ROLES = Object.keys(ROLE_GRANTS);

/** Whether any of `roleNames` grants `action` (unknown roles grant nothing). */
export function isAllowed(roleNames: readonly string[], action: ActionId): boolean {
  for (const role of roleNames) {
    const grants = Object.prototype.hasOwnProperty.call(ROLE_GRANTS, role) ? ROLE_GRANTS[role] : undefined;
    if (grants === "ALL") return true;
    if (grants?.includes(action)) return true;
  }
  return false;
}

/** Permission strings of every action the roles allow, in catalog order (`/me/permissions`). */
export function listAllowedPermissions(roleNames: readonly string[]): string[] {
  return ALL_ACTIONS.filter((a) => isAllowed(roleNames, a)).map((a) => ACTION_PERMISSIONS[a]);
}
