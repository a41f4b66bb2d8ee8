import type { RouteModule } from "../context";
import { authenticate } from "../auth/middleware";
import { listAllowedPermissions } from "../auth/rbac";
import { ok } from "../http";

/** `GET /me/permissions` — Cognito ID token only, no permission gate (§1.6). */
export const register: RouteModule = (app, ctx) => {
  app.get("/me/permissions", authenticate(ctx, { cognitoOnly: true }), (c) => {
    const { roleNames } = c.get("principal");
    return ok(c, {
      roles: roleNames,
      permissions: listAllowedPermissions(roleNames),
      capabilities: { longhaul: false, reporting: false },
    });
  });
};
