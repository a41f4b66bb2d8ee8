import { infiniteQueryOptions } from "@tanstack/react-query";
import type { AuditItem } from "@/lib/audit";
import { auditPageSchema, type AuditPage } from "@/lib/audit/schemas";
import { bffFetch } from "./fetcher";

/** Filters of the Activity page (all optional; the URL carries them). */
export interface AuditFilters {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

/** `GET /api/audit` URL of one page. */
export function auditUrl(filters: AuditFilters, limit: number, cursor: string | null): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) q.set(key, value);
  q.set("limit", String(limit));
  if (cursor) q.set("cursor", cursor);
  return `/api/audit?${q.toString()}`;
}

/** The tenant's audit trail, newest first, page after page. */
export function auditQuery(filters: AuditFilters, limit = 50) {
  return infiniteQueryOptions({
    queryKey: ["audit", filters, limit] as const,
    queryFn: ({ pageParam }) => bffFetch(auditUrl(filters, limit, pageParam), auditPageSchema),
    initialPageParam: null as string | null,
    getNextPageParam: (last: AuditPage) => last.nextCursor,
  });
}

/** Every row matching the filters, newest first, page by page up to `maxRows` (the CSV export). */
export async function collectAudit(filters: AuditFilters, maxRows: number): Promise<AuditItem[]> {
  const rows: AuditItem[] = [];
  let cursor: string | null = null;
  do {
    const page: AuditPage = await bffFetch(auditUrl(filters, 200, cursor), auditPageSchema);
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && rows.length < maxRows);
  return rows.slice(0, maxRows);
}
