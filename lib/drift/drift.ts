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
import {
  ACTION_RULES,
  KIND_RANK,
  labelMatches,
  labelSegments,
  lowerFirst,
  MENTION_WORDS,
  mentionsKey,
  SEVERITY_RANK,
  w,
  type Label,
} from "./rules";
import { containsAll, words } from "./words";

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

/**
 * Compare a workflow's diagram with its manifest and the activity types seen in recent
 * histories; returns findings sorted by severity. Pure: the caller supplies everything.
 */
export function detectDrift(input: { workflow: Pick<Workflow, "manifest">; activityTypesSeen?: readonly string[] }): DriftFinding[] {
  const manifest = input.workflow.manifest;
  const findings: DriftFinding[] = [];
  const declared = new Set(manifest.requiredActions);
  const diagram = manifest.diagram ?? "";
  const graph = parseMermaidFlowchart(diagram);
  const keyNames = new Set([...manifest.requiredSecrets, ...manifest.requiredConfigs].map((r) => r.key));
  const labels: Label[] = [
    ...graph.nodes.map((n) => n.label),
    ...graph.edges.flatMap((e) => (e.label ? [e.label] : [])),
    ...graph.subgraphTitles,
  ]
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
    const quoted = hits
      .slice(0, 2)
      .map((h) => `"${h.text}"`)
      .join(" and ");
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
  for (const [kind, reqs] of [
    ["secret", manifest.requiredSecrets],
    ["setting", manifest.requiredConfigs],
  ] as const) {
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
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      KIND_RANK.indexOf(a.kind) - KIND_RANK.indexOf(b.kind) ||
      a.id.localeCompare(b.id),
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
