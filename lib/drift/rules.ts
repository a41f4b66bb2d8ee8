// The drift rules' vocabulary and label matching: which diagram phrases imply which action, which
// words count as mentioning one, and how a label is split into prose and identifiers. See
// drift.ts for why the rules are narrow; this file holds the tables those reasons produced.
import type { DriftKind, DriftSeverity } from "./drift";
import { containsAll, contentWords, findPattern, words } from "./words";

export interface ActionRule {
  /** Declaring any of these satisfies the rule. */
  actions: readonly string[];
  severity: DriftSeverity;
  /** Each pattern is a list of alternative sets, matched in order within one label. */
  patterns: readonly (readonly (readonly string[])[])[];
  maxGap: number;
}

export const w = (s: string): string[] => s.split("|");
export const READ_VERBS = w("read|load|fetch|get|look|lookup|retrieve|query");

/** Keyword table: diagram phrases → the action they need. */
export const ACTION_RULES: readonly ActionRule[] = [
  {
    actions: ["SendSms"],
    severity: "high",
    maxGap: 1,
    patterns: [
      [w("sms")],
      [w("text"), w("message")],
      [w("text|texting"), w("customer|crew|office|receipt|reminder|driver|client|them|him|recipient|lead|back")],
      [w("send"), w("text")],
    ],
  },
  { actions: ["SendEmail"], severity: "high", maxGap: 1, patterns: [[w("email|emails")], [w("e"), w("mail")]] },
  {
    actions: ["UpdateTextMessage"],
    severity: "high",
    maxGap: 1,
    patterns: [[w("update|edit|change|correct|amend"), w("text|sms"), w("message")]],
  },
  {
    actions: ["DeliverToExternal"],
    severity: "high",
    maxGap: 3,
    patterns: [[w("deliver|push|submit|transmit|send"), w("partner|external")]],
  },
  { actions: ["CallExternal"], severity: "high", maxGap: 3, patterns: [[w("call|request|invoke"), w("partner|external")]] },
  {
    actions: ["EmitTenantEvent"],
    severity: "medium",
    maxGap: 3,
    patterns: [[w("emit|emitted|emitting")], [w("announce|publish|raise|broadcast|fire"), w("event")]],
  },
  { actions: ["CloseTask"], severity: "high", maxGap: 2, patterns: [[w("close|complete|finish|resolve"), w("task")]] },
  {
    actions: ["WriteIntegrationProjection"],
    severity: "medium",
    maxGap: 3,
    patterns: [[w("write|update|save|put|store|delete|cache|upsert|remove"), w("projection")]],
  },
  { actions: ["CreateFeedbackRequest"], severity: "medium", maxGap: 1, patterns: [[w("feedback")]] },
  {
    actions: ["WriteBlob"],
    severity: "medium",
    maxGap: 2,
    patterns: [[w("store|save|upload|write|attach"), w("file|document|pdf|blob|attachment")]],
  },
  { actions: ["WriteWorkflowState"], severity: "medium", maxGap: 2, patterns: [[w("save|write|store|record|claim"), w("state")]] },
  { actions: ["ManageSmsOptOut"], severity: "medium", maxGap: 2, patterns: [[w("record|add|remove|set|update"), w("opt"), w("out")]] },
  {
    actions: ["ReadIntegrationProjection", "WriteIntegrationProjection"],
    severity: "low",
    maxGap: 3,
    patterns: [[READ_VERBS, w("projection")]],
  },
  { actions: ["ReadInvoice"], severity: "low", maxGap: 0, patterns: [[w("invoice")]] },
  { actions: ["ReadQuote"], severity: "low", maxGap: 1, patterns: [[READ_VERBS, w("quote")]] },
  { actions: ["ReadCustomer"], severity: "low", maxGap: 1, patterns: [[READ_VERBS, w("customer")]] },
  { actions: ["ReadMove", "ListMoves"], severity: "low", maxGap: 1, patterns: [[[...READ_VERBS, "list", "find"], w("move")]] },
  { actions: ["ReadOrder"], severity: "low", maxGap: 1, patterns: [[READ_VERBS, w("order")]] },
  { actions: ["ReadTask", "CloseTask"], severity: "low", maxGap: 1, patterns: [[[...READ_VERBS, "list", "find"], w("task")]] },
  { actions: ["ReadSalesman"], severity: "low", maxGap: 1, patterns: [[w("salesman|salesperson|salespeople")], [w("sale"), w("rep")]] },
  {
    actions: ["ReadBlob", "WriteBlob"],
    severity: "low",
    maxGap: 2,
    patterns: [[w("read|download|fetch|open"), w("file|document|pdf|blob|attachment")]],
  },
  { actions: ["ReadWorkflowState", "WriteWorkflowState"], severity: "low", maxGap: 1, patterns: [[w("read|load|check"), w("state")]] },
  {
    actions: ["ReadSmsOptOut", "ManageSmsOptOut"],
    severity: "low",
    maxGap: 1,
    patterns: [[w("opt|optout"), w("out")], [w("unsubscribe|unsubscribed")]],
  },
];

/** Extra words that count as the diagram "mentioning" a declared action (looser than implying it). */
export const MENTION_WORDS: Record<string, readonly string[]> = {
  SendSms: w("sms|text|message"),
  SendEmail: w("email|mail"),
  UpdateTextMessage: w("text|sms|message"),
  DeliverToExternal: w("deliver|partner|external"),
  CallExternal: w("partner|external|api"),
  EmitTenantEvent: w("emit|announce|publish|broadcast"),
  ReadIntegrationProjection: w("projection|cache|cached|sync"),
  WriteIntegrationProjection: w("projection|cache|cached|sync"),
  ReadInvoice: w("invoice|bill|billing"),
  ReadWorkflowSecret: w("secret|key|token|credential|password"),
  ReadWorkflowConfig: w("config|configuration|setting|template"),
  ReadSmsOptOut: w("opt|unsubscribe"),
  ManageSmsOptOut: w("opt|unsubscribe"),
  CreateFeedbackRequest: w("feedback"),
  ManageFeedbackForms: w("feedback"),
  ReadWorkflowState: w("state|remember"),
  WriteWorkflowState: w("state|remember"),
  ReadBlob: w("file|document|photo|pdf|blob|attachment"),
  WriteBlob: w("file|document|photo|pdf|blob|attachment|upload"),
};

export const GENERIC_KEY_WORDS: ReadonlySet<string> = new Set(w("template|id|key|url|api|value|config|setting|name|secret|token"));
export const SEVERITY_RANK: Record<DriftSeverity, number> = { high: 0, medium: 1, low: 2 };
export const KIND_RANK: readonly DriftKind[] = [
  "no-diagram",
  "unreadable-diagram",
  "undeclared-action",
  "unnamed-activity",
  "keys-without-read-action",
  "payment-without-secret",
  "unmentioned-action",
  "unmentioned-key",
];

// Phrases whose words must not trigger a rule on their own ("email address" is data, not an email).
export const COMPOUNDS: readonly (readonly string[])[] = [
  ["email", "address"],
  ["e", "mail", "address"],
  ["text", "field"],
  ["text", "box"],
  ["free", "text"],
  ["text", "template"],
];

/** Fuse compound phrases into single tokens so no rule matches their parts. */
export function joinCompounds(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const compound = COMPOUNDS.find((c) => c.every((w, j) => tokens[i + j] === w));
    if (compound) {
      out.push(compound.join("_"));
      i += compound.length - 1;
    } else out.push(tokens[i] ?? "");
  }
  return out;
}

export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

export interface Segment {
  tokens: string[];
  /** An activity-style identifier (`load_order_sms_template`) rather than prose. */
  identifier: boolean;
}

export interface Label {
  text: string;
  /** What the label says, in pieces that rules match within (never across). */
  segments: Segment[];
  all: string[];
}

// `a.b` event types, UPPER_SNAKE key names and snake_case identifiers inside a label.
export const NAME_TOKEN = /[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)+/g;

/** Split a label into prose and identifier segments, leaving out event types and key names. */
export function labelSegments(text: string, keys: ReadonlySet<string>): Segment[] {
  const out: Segment[] = [];
  const prose = (piece: string) => {
    const tokens = joinCompounds(contentWords(piece));
    if (tokens.length > 0) out.push({ tokens, identifier: false });
  };
  let last = 0;
  for (const m of text.matchAll(NAME_TOKEN)) {
    const name = m[0];
    prose(text.slice(last, m.index));
    last = m.index + name.length;
    const eventType = name.includes(".");
    const keyName = keys.has(name) || /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(name);
    if (eventType || keyName) continue;
    const tokens = joinCompounds(contentWords(name));
    if (tokens.length > 0) out.push({ tokens, identifier: true });
  }
  prose(text.slice(last));
  return out;
}

/** Whether a pattern occurs in a label, by the identifier rule above. */
export function labelMatches(label: Label, pattern: readonly (readonly string[])[], maxGap: number): boolean {
  return label.segments.some((seg) => {
    const span = findPattern(seg.tokens, pattern, maxGap);
    if (!span) return false;
    return !seg.identifier || pattern.length === 1 || span[1] === seg.tokens.length - 1;
  });
}

/** Whether the diagram text names a secret/config key: literally, or by all of its distinctive words in one label. */
export function mentionsKey(labels: readonly Label[], key: string): boolean {
  const lower = key.toLowerCase();
  if (labels.some((l) => l.text.toLowerCase().includes(lower))) return true;
  const all = words(key);
  const distinctive = all.filter((x) => !GENERIC_KEY_WORDS.has(x));
  const needle = distinctive.length > 0 ? distinctive : all;
  return labels.some((l) => containsAll(l.all, needle));
}
