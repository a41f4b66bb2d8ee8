// The cause catalog: deterministic rules from the failure shapes the platform produces to a title,
// an explanation, who can fix it and how. Each rule is tested on a failure string captured from a
// real sandbox run (fixtures/captured-failures.json). A shape no rule knows keeps its raw message:
// the catalog never guesses. Rules match the API's codes and the SDK's fixed wording, never a
// tenant's own text.
import { formatSecretsUrl } from "@/lib/secrets/url";
import { parseSdkApiError } from "./normalize";
import type { FailureCause, FailureInput, FailureRuleId, MissingRequirement } from "./cause-types";

export type { FailureCause, FailureFix, FailureInput, FailureOwner, FailureRuleId, MissingRequirement } from "./cause-types";

interface Rule {
  id: FailureRuleId;
  /** Returns the cause when the rule applies. */
  apply(input: FailureInput, api: ReturnType<typeof parseSdkApiError>): Omit<FailureCause, "rule"> | null;
}

/** Link to the secrets page with the add form open and prefilled (lib/secrets/url.ts). */
export function addKeyHref(kind: "SECRET" | "CONFIG", key: string, group: string): string {
  return `/secrets${formatSecretsUrl({ group, add: { key, kind: kind === "SECRET" ? "secret" : "config" } })}`;
}

// A key named in a message: `Secret "K" not found`, `secret K not found`, `…: K`.
function keyNamedIn(message: string | null): string | null {
  const m = /(?:secret|config)\s+(?:key\s+)?["'`]?([A-Za-z_][A-Za-z0-9_]{0,127})["'`]?\s+(?:not found|is not set|missing)/i.exec(
    message ?? "",
  );
  const key = m?.[1];
  return key && !/^(not|is)$/i.test(key) ? key : null;
}

function missingKeyCause(kind: "SECRET" | "CONFIG", input: FailureInput, apiMessage: string | null): Omit<FailureCause, "rule"> {
  const noun = kind === "SECRET" ? "secret" : "config value";
  const named = keyNamedIn(apiMessage ?? input.message);
  const declared = (input.missing ?? []).filter((m) => m.kind === kind);
  const keys: MissingRequirement[] = named ? [declared.find((m) => m.key === named) ?? { kind, key: named, group: "global" }] : declared;
  if (keys.length === 0) {
    return {
      title: `A ${noun} the workflow reads is not set`,
      explanation: `The run asked Pegasus for a ${noun} that does not exist in this tenant ("${apiMessage ?? input.message ?? ""}"). The message does not name the key and the workflow declares no missing ${noun}s, so check which key its code reads.`,
      owner: "workflow developer",
      fix: `Find the ${noun} the workflow reads, declare it in the manifest and have a tenant admin add it.`,
      fixes: [],
    };
  }
  const names = keys.map((k) => k.key).join(", ");
  const where = keys.map((k) => `${k.key} (group ${k.group})`).join(", ");
  return {
    title:
      keys.length === 1
        ? `${kind === "SECRET" ? "Secret" : "Config"} ${names} is not set`
        : `${kind === "SECRET" ? "Secrets" : "Configs"} ${names} are not set`,
    explanation: `The run read ${where} and Pegasus answered that it does not exist${named ? "" : "; the workflow declares it and it is missing in this tenant"}. Every run fails the same way until it is added.`,
    owner: "tenant admin",
    fix: `Add ${names}${keys.length === 1 ? ` in group ${keys[0]?.group}` : ""}, then retry the failed runs.`,
    fixes: keys.map((k) => ({ label: `Add ${k.key}`, href: addKeyHref(kind, k.key, k.group) })),
  };
}

const PROVIDER_NOT_CONNECTED = /\b([A-Z][A-Za-z0-9]*(?: [A-Z][A-Za-z0-9]*)?) is not connected\b/;
const EMAIL_PROVIDERS = /^(sendgrid|mailgun|postmark|ses|smtp|outlook|gmail|microsoft 365|office 365|e-?mail.*)$/i;

const RULES: readonly Rule[] = [
  {
    id: "secret-missing",
    apply: (input, api) =>
      api?.status === 404 && /\bsecret\b[^.]*\bnot found\b/i.test(api.message ?? "") ? missingKeyCause("SECRET", input, api.message) : null,
  },
  {
    id: "config-missing",
    apply: (input, api) =>
      api?.status === 404 && /\bconfig\b[^.]*\bnot found\b/i.test(api.message ?? "") ? missingKeyCause("CONFIG", input, api.message) : null,
  },
  {
    id: "email-provider-not-connected",
    apply: (input) => {
      const provider = PROVIDER_NOT_CONNECTED.exec(input.message ?? "")?.[1];
      if (!provider || !EMAIL_PROVIDERS.test(provider)) return null;
      return {
        title: `${provider} is not connected`,
        explanation: `The run tried to send an e-mail, and this tenant has no connected ${provider} account, so Pegasus refused. Every e-mail-sending run fails until it is connected.`,
        owner: "tenant admin",
        fix: `Connect ${provider} in the Pegasus tenant settings (Settings → App → Operations), then retry the failed runs.`,
        fixes: [],
      };
    },
  },
  {
    id: "sms-provider-not-connected",
    apply: (input) => {
      const provider = PROVIDER_NOT_CONNECTED.exec(input.message ?? "")?.[1];
      if (!provider || EMAIL_PROVIDERS.test(provider)) return null;
      return {
        title: `${provider} is not connected`,
        explanation: `The run tried to send a text message, and this tenant has no connected ${provider} account, so Pegasus refused. Every SMS-sending run fails until it is connected.`,
        owner: "tenant admin",
        fix: `Connect the tenant's ${provider} account in the Pegasus tenant settings, then retry the failed runs.`,
        fixes: [],
      };
    },
  },
  {
    id: "action-not-permitted",
    apply: (_input, api) =>
      api?.status === 403 && (api.code === "FORBIDDEN" || api.code === null)
        ? {
            title: "The workflow called something it is not permitted to",
            explanation:
              "A Pegasus call made by the run was refused (403): the action is not among the workflow's required_actions, or the runtime key may not perform it at all.",
            owner: "workflow developer",
            fix: "Declare the action the failing call needs in required_actions (pegasus-workflows.toml), publish a new version and move triggers to it; if it is already declared, ask Pegasus support to grant it to the runtime key.",
            fixes: [],
          }
        : null,
  },
  {
    id: "phone-not-e164",
    apply: (input) =>
      /E\.164/.test(input.message ?? "")
        ? {
            title: "A phone number is not in E.164 form",
            explanation:
              "The run sent an SMS to a number Pegasus refused: numbers must be in E.164 form, a plus sign and the country code, e.g. +15551234567.",
            owner: "workflow developer",
            fix: "Convert numbers to E.164 before sending (or skip records without a valid number); correct the number on the record, then retry.",
            fixes: [],
          }
        : null,
  },
  {
    id: "concurrency-limit",
    apply: (input, api) =>
      (input.code ?? api?.code) === "CONCURRENCY_LIMIT"
        ? {
            title: "Too many runs at once",
            explanation:
              "Pegasus runs at most 5 tenant workflow runs at a time (queued or running); this start was refused while 5 were open.",
            owner: "workflow developer",
            fix: "Wait for open runs to finish (or cancel stuck ones), then start again; spread bursts of triggers out.",
            fixes: [{ label: "Show open runs", href: "/executions?status=QUEUED,RUNNING" }],
          }
        : null,
  },
  {
    id: "daily-quota",
    apply: (input, api) =>
      (input.code ?? api?.code) === "DAILY_QUOTA_EXCEEDED"
        ? {
            title: "Daily run quota used up",
            explanation:
              "The tenant started as many tenant workflow runs today (UTC) as its daily quota allows; starts are refused until midnight UTC.",
            owner: "Pegasus support",
            fix: "Wait for the next UTC day, or ask Pegasus support to raise the tenant's daily quota; look for a trigger firing far more often than expected.",
            fixes: [],
          }
        : null,
  },
  {
    id: "workflows-disabled",
    apply: (input, api) =>
      (input.code ?? api?.code) === "WORKFLOWS_DISABLED"
        ? {
            title: "Workflows are switched off for this tenant",
            explanation: "The tenant's workflow kill switch is on, so Pegasus refuses every run.",
            owner: "Pegasus support",
            fix: "Ask Pegasus support why the kill switch is on and to switch it off when it is safe.",
            fixes: [],
          }
        : null,
  },
  {
    // The API could not hand the run to its workflow engine: a refused start (502, no row) or a
    // row marked FAILED with the same message when Temporal dropped the start request.
    id: "temporal-start-failed",
    apply: (input, api) =>
      (input.code ?? api?.code) === "TEMPORAL_START_FAILED" || /^Failed to start workflow on Temporal\b/.test(input.message ?? "")
        ? {
            title: "Pegasus could not start the run",
            explanation:
              "Pegasus accepted the request but its workflow engine (Temporal) did not take the run, so it never began. Nothing in the workflow or its input caused this; it is a platform outage.",
            owner: "Pegasus support",
            fix: "Retry the runs in a few minutes. If starts keep failing, tell Pegasus support the time it began and one of the request or execution ids.",
            fixes: [],
          }
        : null,
  },
  {
    id: "projection-too-large",
    apply: (input, api) =>
      api?.status === 413 || (input.code ?? api?.code) === "PAYLOAD_TOO_LARGE"
        ? {
            title: "A projection is larger than 256 KB",
            explanation: "The run wrote an integration projection whose state is over Pegasus's 256 KB limit, and the write was refused.",
            owner: "workflow developer",
            fix: "Store only the fields the workflow needs in the projection (or keep large data in a blob and store its id).",
            fixes: [],
          }
        : null,
  },
  {
    id: "input-not-decoded",
    apply: (input) =>
      /could not be decoded|failed decoding arguments|failed to decode|payload could not be converted/i.test(input.message ?? "")
        ? {
            title: "The workflow could not read its input",
            explanation:
              "Temporal could not decode the run's input for the workflow (a workflow task failure): the input does not have the shape the workflow's code accepts.",
            owner: "workflow developer",
            fix: "Compare the run's input with what the workflow's run method accepts; fix the caller or the workflow, then retry.",
            fixes: [],
          }
        : null,
  },
  {
    id: "time-limit",
    apply: (input) => {
      const m = /timed out after (\d+)s|exceeded its timeout of (\d+)s/.exec(input.message ?? "");
      if (input.status !== "TIMED_OUT" && !m) return null;
      const limit = Number(m?.[1] ?? m?.[2] ?? input.timeoutSeconds ?? 900);
      return {
        title: `Ran longer than its ${limit}s time limit`,
        explanation: `The run was still working when the workflow's time limit of ${limit} seconds (manifest timeout_seconds) ran out, so Pegasus stopped it.`,
        owner: "workflow developer",
        fix:
          limit < 900
            ? "Raise timeout_seconds (at most 900) and re-publish, or make the slow step faster."
            : "900 s is the most Pegasus allows: split the work or make the slow step faster.",
        fixes: [],
      };
    },
  },
  {
    id: "stuck",
    apply: (input) =>
      input.status === "STUCK"
        ? {
            title: "Stuck: not finished long after it should have",
            explanation:
              "The run is still queued or running well past its time limit and the platform's usual delays (a cold runner start of up to a minute, status updates up to 5 minutes late).",
            owner: "Pegasus support",
            fix: "Cancel the run and retry it; if runs keep getting stuck, send Pegasus support the execution ids.",
            fixes: [],
          }
        : null,
  },
];

/** Classify one failure. Unknown shapes keep their raw message as the explanation. */
export function classifyFailure(input: FailureInput): FailureCause {
  const api = parseSdkApiError(input.message);
  for (const rule of RULES) {
    const cause = rule.apply(input, api);
    if (cause) return { rule: rule.id, ...cause };
  }
  return {
    rule: "unknown",
    title: "Not a known cause",
    explanation: input.message ?? `The run ended ${input.status} without an error message.`,
    owner: null,
    fix: null,
    fixes: [],
  };
}

/** Every rule id in the catalog, in matching order (tests check each has a captured case). */
export const FAILURE_RULE_IDS: readonly FailureRuleId[] = [...RULES.map((r) => r.id), "unknown"];
