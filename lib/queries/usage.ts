import { queryOptions } from "@tanstack/react-query";
import { usageSummarySchema } from "@/lib/schemas/usage";
import { bffFetch } from "./fetcher";
import { queryKeys } from "./keys";

/** GET /api/usage?year= — billable actions of one term (the current one without a year). */
export function usageSummaryQuery(year?: number) {
  return queryOptions({
    queryKey: queryKeys.usage.summary(year),
    queryFn: () => bffFetch(year === undefined ? "/api/usage" : `/api/usage?year=${year}`, usageSummarySchema),
    // Counts move only as billable actions happen; a minute is fresh enough for a summary.
    staleTime: 60_000,
  });
}
