// The shapes the cause catalog reads and answers with, kept apart from the rules themselves.

/** Who can remove the cause. */
export type FailureOwner = "tenant admin" | "workflow developer" | "Pegasus support";

/** A declared secret or config key the tenant's store does not hold (requirements summary, `present: false`). */
export interface MissingRequirement {
  kind: "SECRET" | "CONFIG";
  key: string;
  group: string;
}

/** What the catalog looks at. `status` is the run's status, `STUCK` for an open run past its bound, `REFUSED` for a run the API would not start. */
export interface FailureInput {
  status: string;
  /** The API's error code when known outside the message (a refused run). */
  code?: string | null;
  message: string | null;
  /** The workflow's time limit in seconds (manifest `timeoutSeconds`, default 900). */
  timeoutSeconds?: number | null;
  /** The workflow version's declared keys that are not set. */
  missing?: readonly MissingRequirement[];
}

/** One action that removes the cause; `href` is a console link (null: done outside the console). */
export interface FailureFix {
  label: string;
  href: string | null;
}

export type FailureRuleId =
  | "secret-missing"
  | "config-missing"
  | "sms-provider-not-connected"
  | "email-provider-not-connected"
  | "action-not-permitted"
  | "phone-not-e164"
  | "concurrency-limit"
  | "daily-quota"
  | "workflows-disabled"
  | "temporal-start-failed"
  | "time-limit"
  | "projection-too-large"
  | "input-not-decoded"
  | "stuck"
  | "unknown";

/** The catalog's answer for one failure. */
export interface FailureCause {
  rule: FailureRuleId;
  title: string;
  /** Plain-language explanation; for `unknown`, the raw message. */
  explanation: string;
  owner: FailureOwner | null;
  /** What to do, in words (null for `unknown`). */
  fix: string | null;
  fixes: FailureFix[];
}
