// The run form's input: JSON text that must be an object (contract §4.1), and the contract's run
// errors in plain words.

export type RunInputResult = { ok: true; input: Record<string, unknown> } | { ok: false; message: string };

/** Parses the input editor's text; blank means `{}`. */
export function parseRunInput(text: string): RunInputResult {
  if (text.trim() === "") return { ok: true, input: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `Not valid JSON: ${e instanceof Error ? e.message : "parse error"}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, message: "The input must be a JSON object, e.g. {\"quoteId\": \"q-1\"}." };
  }
  return { ok: true, input: value as Record<string, unknown> };
}

const RUN_ERRORS: Record<string, string> = {
  NOT_FOUND: "This workflow version no longer exists or was retired.",
  VALIDATION_ERROR: "The platform rejected the input.",
  WORKFLOW_NOT_EXECUTABLE: "This version cannot run: re-upload it with the current SDK to make it executable.",
  DRY_RUN_UNSUPPORTED: "Curated platform workflows cannot be dry-run; start a live run instead.",
  WORKFLOWS_DISABLED: "Automations are switched off for your tenant right now.",
  CONCURRENCY_LIMIT: "Five runs are already in progress; wait for one to finish, then try again.",
  DAILY_QUOTA_EXCEEDED: "Your tenant has used today's run quota; it resets at midnight UTC.",
  WORKFLOW_MUST_FORK: "Fork this workflow into your tenant before running it.",
  TEMPORAL_START_FAILED: "The run could not be started: the workflow engine did not accept it. Try again in a moment.",
  FORBIDDEN: "Your role may not run workflows.",
};

/** A sentence for a failed run, from the contract's error code (falls back to the server's message). */
export function describeRunError(code: string, serverMessage: string): string {
  return RUN_ERRORS[code] ?? serverMessage;
}

/** Where the executions pages show one run. */
export function executionHref(workflowId: string, executionId: string): string {
  return `/executions/${encodeURIComponent(workflowId)}/${encodeURIComponent(executionId)}`;
}
