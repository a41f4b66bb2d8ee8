import { z } from "zod";

export const mePermissionsSchema = z.object({
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  capabilities: z.looseObject({ longhaul: z.boolean().optional(), reporting: z.boolean().optional() }),
});
export type MePermissions = z.infer<typeof mePermissionsSchema>;

/** Permission strings the console gates controls on (contract §1.5–§1.6). */
export const PERMISSIONS = {
  readWorkflow: "workflow:read",
  uploadWorkflow: "workflow:upload",
  runWorkflow: "workflow:run",
  manageTriggers: "workflow:manage_triggers",
  cancelExecution: "workflow:cancel_execution",
  retryExecution: "workflow:retry_execution",
  manageSecrets: "workflow_secret:manage",
  manageConfigs: "workflow_config:manage",
  readIntegrationConfig: "integration_config:read",
  publishIntegrationConfig: "integration_config:publish",
  /** ReadUsage: the contract does not confirm its string; this is the one `/me/permissions` reports here. */
  readUsage: "usage:read",
} as const;
export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];
