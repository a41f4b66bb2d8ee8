import { queryOptions } from "@tanstack/react-query";
import { healthReportSchema } from "@/lib/schemas/health";
import { bffFetch } from "./fetcher";
import { queryKeys } from "./keys";

/** The console's dependency report (BFF GET /api/health, no session needed). */
export function healthQuery() {
  return queryOptions({
    queryKey: queryKeys.health.all,
    queryFn: () => bffFetch("/api/health", healthReportSchema),
    staleTime: 0,
  });
}
