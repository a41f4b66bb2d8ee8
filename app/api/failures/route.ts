import { consoleOrigin, detectFromScan } from "@/lib/alerts/service";
import { bffRoute } from "@/lib/api";
import { failureScanSchema, failuresQuerySchema } from "@/lib/failures/schemas";
import { ensureJobRunner } from "@/lib/jobs/loop";
import { getFailureGroups } from "@/lib/pegasus/failures";
import { failureAcksOf, isAckStillValid, storeDb } from "@/lib/store";

// GET /api/failures — failed, timed-out and stuck runs since `since` (default a day ago), grouped by fingerprint with their cause, newest activity first;
// each group carries its acknowledgement (who, when, re-opened by a later run) from the console's store.
// Computing the groups is also when failure alerts are detected: a new group or a re-opened acknowledged
// one is queued for the tenant's webhook (lib/alerts), once across all console processes.
/** The shortest scan window alert detection trusts (the default window is one day). */
const DETECTION_MIN_WINDOW_MS = 23 * 3600_000;

export const GET = bffRoute({ query: failuresQuerySchema, output: failureScanSchema }, async ({ pegasus, query, session }) => {
  ensureJobRunner();
  const scan = await getFailureGroups(pegasus, { since: query.since, until: query.until, workflowIds: query.workflow });
  const acks = await failureAcksOf(
    await storeDb(),
    session.user.tenantId,
    scan.groups.map((g) => g.fingerprint),
  );
  const groups = scan.groups.map((g) => {
    const ack = acks.get(g.fingerprint);
    return {
      ...g,
      ack: ack
        ? { by: ack.actorName ?? ack.actorSub, at: ack.ackedAt, lastSeenAt: ack.lastSeenAt, reopened: !isAckStillValid(ack, g.lastSeen) }
        : null,
    };
  });
  // Only a scan that reaches up to now over at least the default day detects: a narrow window would
  // make an old group look new (groups are also new only to the scan that first records them).
  if (!query.until && Date.parse(scan.since) <= Date.now() - DETECTION_MIN_WINDOW_MS) {
    await detectFromScan(session.user.tenantId, groups, consoleOrigin());
  }
  return { ...scan, groups };
});
