"use client";
import type { ReactNode } from "react";
import { usePermissions } from "@/lib/queries/use-permissions";
import type { Permission } from "@/lib/schemas/permissions";

/**
 * Renders children only when the user holds the permission (`fallback` otherwise). UI gating is a
 * convenience: the upstream enforces every action again.
 */
export function Can({ permission, children, fallback = null }: { permission: Permission; children: ReactNode; fallback?: ReactNode }) {
  const permissions = usePermissions();
  return <>{permissions.has(permission) ? children : fallback}</>;
}
