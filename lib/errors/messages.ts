// The console's one vocabulary for error codes: a sentence a support person or tenant admin can act on,
// chosen by the code (never by parsing the server's message). Codes are the Pegasus API's (§ error
// codes) and the BFF's own; an unknown code falls back to the server's message, never a guess.

/** What the person was doing when the error came back: a few codes read differently per action. */
export type ErrorAction = "run" | "cancel" | "retry" | "dry-run" | "integration";

/** Extra fields of the error envelope some sentences use (e.g. `dependents`). */
export type ErrorExtras = Record<string, unknown>;

const SENTENCES: Record<string, (serverMessage: string, extras: ErrorExtras) => string> = {
  CONCURRENCY_LIMIT: () => "Five runs of your tenant are already queued or running (the limit is 5); try again when one finishes.",
  DAILY_QUOTA_EXCEEDED: () => "Your tenant has used today's run quota; runs are possible again after midnight UTC.",
  WORKFLOWS_DISABLED: () => "Automations are switched off for your tenant right now.",
  DRY_RUN_UNSUPPORTED: () => "Curated platform workflows cannot be dry-run; start a live run instead.",
  WORKFLOW_NOT_EXECUTABLE: () => "This version cannot run: re-upload it with the current SDK to make it executable.",
  WORKFLOW_MUST_FORK: () => "Fork this workflow into your tenant before running it.",
  TEMPORAL_START_FAILED: () => "The run could not be started: the workflow engine did not accept it. Try again in a moment.",
  EXECUTION_NOT_CANCELLABLE: (m) =>
    `This run cannot be cancelled: ${m}. It has probably just finished or has not started on Temporal yet; the page refreshes its status.`,
  EXECUTION_NOT_RETRYABLE: (m) => `Only failed, timed-out or cancelled runs can be retried: ${m}.`,
  FORBIDDEN: () => "Your role does not allow this.",
  UNAUTHENTICATED: () => "Your session has ended: sign in again to continue.",
  REASON_REQUIRED: () => "Say why in the reason field: this action is recorded in the activity log with its reason.",
  FEATURE_DISABLED: () =>
    "Publishing integration configs is switched off on this Pegasus environment (INTEGRATION_CONFIG_PUBLISH_ENABLED). Validate still works; ask the platform team to enable publishing.",
  DEPENDENTS_EXIST: (_m, extras) => {
    const n = typeof extras.dependents === "number" ? extras.dependents : null;
    return `${n ?? "Some"} tenant${n === 1 ? "" : "s"} still overlay this platform config, so deleting it would leave them without a base. Delete anyway only if you are sure.`;
  },
  GATE_FAILED: () => "The config failed the validation gate; nothing was changed.",
  PLATFORM_TENANT_CANNOT_FORK: () => "The platform tenant owns the platform config and cannot fork it.",
};

const PER_ACTION: Record<ErrorAction, Record<string, string>> = {
  run: {
    NOT_FOUND: "This workflow version no longer exists or was retired.",
    VALIDATION_ERROR: "The platform rejected the input.",
    FORBIDDEN: "Your role may not run workflows.",
  },
  cancel: { NOT_FOUND: "This run no longer exists." },
  retry: { NOT_FOUND: "The workflow is gone or retired, so it cannot run again." },
  "dry-run": { NOT_FOUND: "The workflow is gone or retired, so it cannot run again." },
  integration: {
    CONFLICT:
      "Your tenant already has its own config for this integration. Re-seeding it from the platform config adds a new version on top.",
    FORBIDDEN: "You do not have permission to do this (integration_config:publish is needed).",
  },
};

/** The sentence for an error code (per action where it matters), else the server's own message. */
export function messageFor(code: string, serverMessage: string, action?: ErrorAction, extras: ErrorExtras = {}): string {
  const specific = action ? PER_ACTION[action][code] : undefined;
  if (specific) return specific;
  const sentence = SENTENCES[code];
  return sentence ? sentence(serverMessage, extras) : serverMessage;
}

/** Whether the code has a sentence of its own (callers add the code to a raw message otherwise). */
export function hasSentence(code: string, action?: ErrorAction): boolean {
  return Boolean((action && PER_ACTION[action][code]) || SENTENCES[code]);
}
