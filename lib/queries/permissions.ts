import { queryOptions } from "@tanstack/react-query";
import { mePermissionsSchema } from "@/lib/schemas/permissions";
import { bffFetch } from "./fetcher";
import { queryKeys } from "./keys";

/** The signed-in user's roles and permission strings (BFF GET /api/me). */
export function permissionsQuery() {
  return queryOptions({
    queryKey: queryKeys.me.permissions(),
    queryFn: () => bffFetch("/api/me", mePermissionsSchema),
    staleTime: 5 * 60_000,
  });
}
