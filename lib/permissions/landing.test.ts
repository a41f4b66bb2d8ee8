import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@/lib/schemas/permissions";
import { landingPath, toPermissionSet } from "./index";

describe("landingPath", () => {
  it("is the first section the role may use", () => {
    expect(landingPath(toPermissionSet([PERMISSIONS.readWorkflow, PERMISSIONS.readIntegrationConfig]))).toBe("/workflows");
    // An integration publisher has no Workflows: it lands on Integrations, not on "not available".
    expect(landingPath(toPermissionSet([PERMISSIONS.readIntegrationConfig]))).toBe("/integrations");
    expect(landingPath(toPermissionSet([PERMISSIONS.manageConfigs]))).toBe("/secrets");
  });

  it("is null for a role with no section", () => {
    expect(landingPath(toPermissionSet([]))).toBeNull();
  });
});
