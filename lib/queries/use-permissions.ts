"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { toPermissionSet, type PermissionSet } from "@/lib/permissions";
import { permissionsQuery } from "./permissions";

/** The signed-in user's permissions; `has()` is false for everything until they load. */
export function usePermissions(): PermissionSet & { isLoading: boolean; roles: string[] } {
  const query = useQuery(permissionsQuery());
  return useMemo(
    () => ({ ...toPermissionSet(query.data?.permissions), isLoading: query.isPending, roles: query.data?.roles ?? [] }),
    [query.data, query.isPending],
  );
}
