// Drift between what a workflow's diagram says and what its manifest declares (and what its runs
// actually did). The diagram is author-declared and unverified (pegasus-api.md §6, §13.4 item 7),
// so these checks exist to catch the gaps a business reviewer would care about.
//
// False alarms cost trust, so the rules are deliberately narrow: an action is "implied" only by
// phrases specific to it ("send SMS", "text the customer", "emit"), matched within one label
// after filler words are dropped. Rules read what a box or link says, not the names it carries:
// event types (`deposit.charged`) and key names (`ORDER_SAVED_SMS_TEMPLATE`) are left out, and in
// an activity name (`load_order_sms_template`) a verb-object phrase counts only when the object is
// the name's last word (what the step acts on), so "load order" inside "load order SMS template"
// does not mean reading an order. A chart that cannot be read is "not comparable", never "no drift". Severity follows consequence: undeclared messages and partner
// calls are high, undeclared data changes medium, undeclared reads and unmentioned keys low.
import type { Workflow } from "@/lib/schemas/workflow";
import { actionInfo } from "@/lib/envelope";
import { parseMermaidFlowchart } from "./mermaid";
import { containsAll, contentWords, findPattern, words } from "./words";

export type DriftSeverity = "high" | "medium" | "low";
export type DriftKind =
  | "no-diagram"
  | "unreadable-diagram"
  | "undeclared-action"
  | "unmentioned-action"
  | "unmentioned-key"
  | "unnamed-activity"
  | "keys-without-read-action"
  | "payment-without-secret";

export interface DriftEvidence {
  /** Diagram text that caused or was searched for the finding. */
  diagramText?: string[];
  actionId?: string;
  key?: string;
  activityType?: string;
}

export interface DriftFinding {
  id: string;
  severity: DriftSeverity;
  kind: DriftKind;
  /** A sentence a business user understands. */
  message: string;
  evidence: DriftEvidence;
}

/** The direct-mode proxy activity every tenant-lane run has (contract §4.2); never a diagram step. */
export const DIRECT_MODE_ACTIVITY = "run_tenant_entry_point";

interface ActionRule {
  /** Declaring any of these satisfies the rule. */
  actions: readonly string[];
  severity: DriftSeverity;
  /** Each pattern is a list of alternative sets, matched in order within one label. */
  patterns: readonly (readonly (readonly string[])[])[];
  maxGap: number;
}

const w = (s: string): string[] => s.split("|");
const READ_VERBS = w("read|load|fetch|get|look|lookup|retrieve|query");

/** Keyword table: diagram phrases → the action they need. */
const ACTION_RULES: readonly ActionRule[] = [
  {
    actions: ["SendSms"],
    severity: "high",
    maxGap: 1,
    patterns: [[w("sms")], [w("text"), w("message")], [w("text|texting"), w("customer|crew|office|receipt|reminder|driver|client|them|him|recipient|lead|back")], [w("send"), w("text")]],
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
  { actions: ["ReadIntegrationProjection", "WriteIntegrationProjection"], severity: "low", maxGap: 3, patterns: [[READ_VERBS, w("projection")]] },
  { actions: ["ReadInvoice"], severity: "low", maxGap: 0, patterns: [[w("invoice")]] },
  { actions: ["ReadQuote"], severity: "low", maxGap: 1, patterns: [[READ_VERBS, w("quote")]] },
  { actions: ["ReadCustomer"], severity: "low", maxGap: 1, patterns: [[READ_VERBS, w("customer")]] },
  { actions: ["ReadMove", "ListMoves"], severity: "low", maxGap: 1, patterns: [[[...READ_VERBS, "list", "find"], w("move")]] },
  { actions: ["ReadOrder"], severity: "low", maxGap: 1, patterns: [[READ_VERBS, w("order")]] },
  { actions: ["ReadTask", "CloseTask"], severity: "low", maxGap: 1, patterns: [[[...READ_VERBS, "list", "find"], w("task")]] },
  { actions: ["ReadSalesman"], severity: "low", maxGap: 1, patterns: [[w("salesman|salesperson|salespeople")], [w("sale"), w("rep")]] },
  { actions: ["ReadBlob", "WriteBlob"], severity: "low", maxGap: 2, patterns: [[w("read|download|fetch|open"), w("file|document|pdf|blob|attachment")]] },
  { actions: ["ReadWorkflowState", "WriteWorkflowState"], severity: "low", maxGap: 1, patterns: [[w("read|load|check"), w("state")]] },
  { actions: ["ReadSmsOptOut", "ManageSmsOptOut"], severity: "low", maxGap: 1, patterns: [[w("opt|optout"), w("out")], [w("unsubscribe|unsubscribed")]] },
];

/** Extra words that count as the diagram "mentioning" a declared action (looser than implying it). */
const MENTION_WORDS: Record<string, readonly string[]> = {
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

const GENERIC_KEY_WORDS: ReadonlySet<string> = new Set(w("template|id|key|url|api|value|config|setting|name|secret|token"));
const SEVERITY_RANK: Record<DriftSeverity, number> = { high: 0, medium: 1, low: 2 };
const KIND_RANK: readonly DriftKind[] = [
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
const COMPOUNDS: readonly (readonly string[])[] = [
  ["email", "address"],
  ["e", "mail", "address"],
  ["text", "field"],
  ["text", "box"],
  ["free", "text"],
  ["text", "template"],
];

/** Fuse compound phrases into single tokens so no rule matches their parts. */
function joinCompounds(tokens: readonly string[]): string[] {
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

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

interface Segment {
  tokens: string[];
  /** An activity-style identifier (`load_order_sms_template`) rather than prose. */
  identifier: boolean;
}

interface Label {
  text: string;
  /** What the label says, in pieces that rules match within (never across). */
  segments: Segment[];
  all: string[];
}

// `a.b` event types, UPPER_SNAKE key names and snake_case identifiers inside a label.
const NAME_TOKEN = /[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)+/g;

/** Split a label into prose and identifier segments, leaving out event types and key names. */
function labelSegments(text: string, keys: ReadonlySet<string>): Segment[] {
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
function labelMatches(label: Label, pattern: readonly (readonly string[])[], maxGap: number): boolean {
  return label.segments.some((seg) => {
    const span = findPattern(seg.tokens, pattern, maxGap);
    if (!span) return false;
    return !seg.identifier || pattern.length === 1 || span[1] === seg.tokens.length - 1;
  });
}

/** Whether the diagram text names a secret/config key: literally, or by all of its distinctive words in one label. */
function mentionsKey(labels: readonly Label[], key: string): boolean {
  const lower = key.toLowerCase();
  if (labels.some((l) => l.text.toLowerCase().includes(lower))) return true;
  const all = words(key);
  const distinctive = all.filter((x) => !GENERIC_KEY_WORDS.has(x));
  const needle = distinctive.length > 0 ? distinctive : all;
  return labels.some((l) => containsAll(l.all, needle));
}

/**
 * Compare a workflow's diagram with its manifest and the activity types seen in recent
 * histories; returns findings sorted by severity. Pure: the caller supplies everything.
 */
export function detectDrift(input: {
  workflow: Pick<Workflow, "manifest">;
  activityTypesSeen?: readonly string[];
}): DriftFinding[] {
  const manifest = input.workflow.manifest;
  const findings: DriftFinding[] = [];
  const declared = new Set(manifest.requiredActions);
  const diagram = manifest.diagram ?? "";
  const graph = parseMermaidFlowchart(diagram);
  const keyNames = new Set([...manifest.requiredSecrets, ...manifest.requiredConfigs].map((r) => r.key));
  const labels: Label[] = [...graph.nodes.map((n) => n.label), ...graph.edges.flatMap((e) => (e.label ? [e.label] : [])), ...graph.subgraphTitles]
    .filter((t, i, arr) => arr.indexOf(t) === i)
    .map((text) => ({ text, segments: labelSegments(text, keyNames), all: words(text) }));

  if (diagram.trim() === "" || (labels.length === 0 && graph.problems.length === 0)) {
    findings.push({
      id: "no-diagram",
      severity: "medium",
      kind: "no-diagram",
      message: "There is no readable diagram, so nothing it says can be checked against what the automation is allowed to do.",
      evidence: {},
    });
  } else if (graph.problems.length > 0) {
    // Half-read text would produce both false alarms and false all-clears: compare nothing.
    findings.push({
      id: "unreadable-diagram",
      severity: "medium",
      kind: "unreadable-diagram",
      message: `Not comparable: the diagram could not be read (${graph.problems.slice(0, 2).join("; ")}), so it was not checked against what the automation is allowed to do.`,
      evidence: { diagramText: graph.problems },
    });
    return sortFindings([...findings, ...keysWithoutReadAction(manifest, declared)]);
  }

  // 1. Actions the diagram implies but the manifest does not declare.
  for (const rule of ACTION_RULES) {
    if (rule.actions.some((a) => declared.has(a))) continue;
    const hits = labels.filter((l) => rule.patterns.some((p) => labelMatches(l, p, rule.maxGap)));
    if (hits.length === 0) continue;
    const primary = rule.actions[0] ?? "";
    const info = actionInfo(primary);
    const quoted = hits.slice(0, 2).map((h) => `"${h.text}"`).join(" and ");
    findings.push({
      id: `undeclared-action:${primary}`,
      severity: rule.severity,
      kind: "undeclared-action",
      message: `The diagram says ${quoted}, but the automation is not permitted to ${lowerFirst(info.explanation)} (${primary} is not among its declared actions).`,
      evidence: { diagramText: hits.map((h) => h.text), actionId: primary },
    });
  }

  // 2. Declared actions the diagram never mentions.
  const declaredSecrets = manifest.requiredSecrets.map((r) => r.key);
  const declaredConfigs = manifest.requiredConfigs.map((r) => r.key);
  for (const id of declared) {
    const info = actionInfo(id);
    const rulesFor = ACTION_RULES.filter((r) => r.actions.includes(id));
    const nouns = words(id).slice(1);
    const mention = [...(MENTION_WORDS[id] ?? []), ...(MENTION_WORDS[id] ? [] : nouns)];
    const mentioned =
      labels.some((l) => rulesFor.some((r) => r.patterns.some((p) => labelMatches(l, p, r.maxGap)))) ||
      labels.some((l) => l.all.some((t) => mention.includes(t))) ||
      (id === "ReadWorkflowSecret" && declaredSecrets.some((k) => mentionsKey(labels, k))) ||
      (id === "ReadWorkflowConfig" && declaredConfigs.some((k) => mentionsKey(labels, k)));
    if (mentioned) continue;
    const weighty = info.billable || info.group === "send-messages" || info.group === "call-partners" || info.group === "change-data";
    findings.push({
      id: `unmentioned-action:${id}`,
      severity: weighty ? "medium" : "low",
      kind: "unmentioned-action",
      message: `The automation is allowed to ${lowerFirst(info.explanation)} (${id}), but the diagram never shows it doing so.`,
      evidence: { actionId: id },
    });
  }

  // 3. Declared secret and config keys the diagram never mentions.
  for (const [kind, reqs] of [["secret", manifest.requiredSecrets], ["setting", manifest.requiredConfigs]] as const) {
    for (const r of reqs) {
      if (mentionsKey(labels, r.key)) continue;
      const ident = `${r.group || "global"}/${r.key}`;
      findings.push({
        id: `unmentioned-key:${kind}:${ident}`,
        severity: "low",
        kind: "unmentioned-key",
        message: `The automation uses the ${kind} ${r.key}${r.description ? ` (${r.description})` : ""}, but the diagram never mentions it.`,
        evidence: { key: ident },
      });
    }
  }

  // 4. Keys declared without the permission to read them.
  findings.push(...keysWithoutReadAction(manifest, declared));

  // 5. Payments: no platform action covers them, so they need an outside service and its key.
  const paying = labels.filter((l) => labelMatches(l, [w("charge|charged|charging|refund|refunded")], 0));
  if (paying.length > 0 && manifest.requiredSecrets.length === 0) {
    findings.push({
      id: "payment-without-secret",
      severity: "low",
      kind: "payment-without-secret",
      message: `The diagram mentions taking or returning money (${paying.map((p) => `"${p.text}"`).join(", ")}); no platform action does that, and no secret for a payment service is declared.`,
      evidence: { diagramText: paying.map((p) => p.text) },
    });
  }

  // 6. Activity types seen in real runs that no diagram box names.
  const seen = [...new Set(input.activityTypesSeen ?? [])].filter((a) => a !== DIRECT_MODE_ACTIVITY);
  for (const activity of seen) {
    const needle = words(activity);
    if (labels.some((l) => containsAll(l.all, needle))) continue;
    findings.push({
      id: `unnamed-activity:${activity}`,
      severity: "medium",
      kind: "unnamed-activity",
      message: `Recent runs performed the step "${activity}", which no box in the diagram names.`,
      evidence: { activityType: activity },
    });
  }

  return sortFindings(findings);
}

function sortFindings(findings: DriftFinding[]): DriftFinding[] {
  return findings.sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || KIND_RANK.indexOf(a.kind) - KIND_RANK.indexOf(b.kind) || a.id.localeCompare(b.id),
  );
}

/** Manifest-only findings: keys declared without the permission to read them. */
function keysWithoutReadAction(manifest: Workflow["manifest"], declared: ReadonlySet<string>): DriftFinding[] {
  const out: DriftFinding[] = [];
  if (manifest.requiredSecrets.length > 0 && !declared.has("ReadWorkflowSecret")) {
    out.push({
      id: "keys-without-read-action:secret",
      severity: "low",
      kind: "keys-without-read-action",
      message: "The automation lists secrets it needs but does not declare permission to read secrets (ReadWorkflowSecret).",
      evidence: { actionId: "ReadWorkflowSecret" },
    });
  }
  if (manifest.requiredConfigs.length > 0 && !declared.has("ReadWorkflowConfig")) {
    out.push({
      id: "keys-without-read-action:config",
      severity: "low",
      kind: "keys-without-read-action",
      message: "The automation lists settings it needs but does not declare permission to read settings (ReadWorkflowConfig).",
      evidence: { actionId: "ReadWorkflowConfig" },
    });
  }
  return out;
}
