import { describe, expect, it } from "vitest";
import { NAV_ITEMS, navItemFor, toPermissionSet, visibleNavItems } from "@/lib/permissions";

// Permission strings per demo role, from the role→action tables of the contract (§1.4, §1.5).
const ROLE_PERMISSIONS: Record<string, string[]> = {
  viewer: ["workflow:read"],
  workflow_developer: [
    "workflow:read",
    "workflow:upload",
    "workflow:run",
    "workflow:manage_triggers",
    "workflow:cancel_execution",
    "workflow:retry_execution",
    "workflow_secret:manage",
    "workflow_config:manage",
    "event_type:manage",
    "ingress:manage",
  ],
  integration_publisher: ["integration_config:read", "integration_config:publish"],
  tenant_admin: [
    "workflow:read",
    "workflow:run",
    "workflow_secret:manage",
    "workflow_config:manage",
    "integration_config:read",
    "integration_config:publish",
    "usage:read",
  ],
};

const labels = (role: string) => visibleNavItems(toPermissionSet(ROLE_PERMISSIONS[role])).map((i) => i.label);

describe("navigation gating", () => {
  it("viewer sees Workflows and Executions only", () => {
    expect(labels("viewer")).toEqual(["Workflows", "Executions"]);
  });
  it("workflow developer also manages secrets and config, but not integrations", () => {
    expect(labels("workflow_developer")).toEqual(["Workflows", "Executions", "Secrets & config"]);
  });
  it("integration publisher sees Integrations only", () => {
    expect(labels("integration_publisher")).toEqual(["Integrations"]);
  });
  it("tenant admin sees everything", () => {
    expect(labels("tenant_admin")).toEqual(NAV_ITEMS.map((i) => i.label));
  });
  it("one of secret/config manage is enough for Secrets & config", () => {
    expect(visibleNavItems(toPermissionSet(["workflow_config:manage"])).map((i) => i.href)).toEqual(["/secrets"]);
  });
  it("no permissions (or a malformed list) shows nothing", () => {
    expect(visibleNavItems(toPermissionSet(undefined))).toEqual([]);
    expect(visibleNavItems(toPermissionSet(["tenant_admin", "WORKFLOW:READ"]))).toEqual([]);
  });
  it("finds the section that owns a path", () => {
    expect(navItemFor("/workflows/abc")?.label).toBe("Workflows");
    expect(navItemFor("/workflowsx")).toBeUndefined();
  });
});
