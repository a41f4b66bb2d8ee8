import { z } from "zod";
import { executionSchema } from "@/lib/schemas/execution";

/** One page of the cross-workflow list (BFF GET /api/executions): rows and the opaque cursor of the next page. */
export const executionListPageSchema = z.object({
  items: z.array(executionSchema),
  nextCursor: z.string().nullable(),
  /** Runs read to fill the page and the oldest one's queuedAt (a search states what it covered). */
  scanned: z.object({ runs: z.number().int(), oldest: z.string().nullable() }).optional(),
});
export type ExecutionListPage = z.infer<typeof executionListPageSchema>;

/** Largest page the BFF serves from the merged list. */
export const MAX_LIST_LIMIT = 100;
