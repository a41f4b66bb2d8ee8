/**
 * Curated (STDLIB-lane) GLOBAL workflow names: these run in the durable shape with no lane limits
 * and no dry run. Any other GLOBAL workflow must be forked before a tenant can run it
 * (403 WORKFLOW_MUST_FORK). `SANDBOX_CURATED_WORKFLOWS` (comma list) adds names.
 */
export const DEFAULT_CURATED_WORKFLOWS = [
  "platform-order-audit",
  "platform-daily-digest",
  "move-status-digest",
  "runner-probe-curated",
] as const;

/** The curated set for this process. */
export function curatedWorkflowNames(env: NodeJS.ProcessEnv = process.env): Set<string> {
  const extra = (env.SANDBOX_CURATED_WORKFLOWS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return new Set<string>([...DEFAULT_CURATED_WORKFLOWS, ...extra]);
}
