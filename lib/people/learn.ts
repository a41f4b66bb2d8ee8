import "server-only";
import { recordUserId, storeDb } from "@/lib/store";
import { logger } from "@/lib/observability/logger";

/**
 * Remembers that the API's user id on a row the caller just created (a run's triggeredByUserId,
 * a version's publishedBy, a secret's createdByUserId) is the caller, so the UI can name them.
 * The action itself already happened: a failed write is logged, never turned into an error.
 */
export async function learnUserId(tenantId: string, sub: string, userId: string | null | undefined): Promise<void> {
  if (!sub || !userId) return;
  try {
    await recordUserId(await storeDb(), tenantId, userId, sub);
  } catch (error) {
    logger().error({ error: error instanceof Error ? error.message : String(error) }, "[people] could not record whose user id this is");
  }
}
