// Places a run's activity steps on the workflow's Mermaid flowchart: which node each activity
// type stands for, and the status to paint on it. Pure, so every matching rule is unit-tested.
//
// Matching is exact after normalisation, never fuzzy. A node stands for an activity type when,
// in this order of preference (the first rule that finds any node wins for that type):
// 1. its whole label is the type ("send_digest_sms", "Send digest SMS", "sendDigestSms");
// 2. its label starts with the type and a colon ("send_digest_sms: text the office"), the
//    convention the demo projects and the SDK template use for hand-drawn diagrams;
// 3. its node id is the type (`send_digest_sms[Text the office]`).
// Normalisation only lowercases and splits words on case changes, `_`, `-`, spaces and
// punctuation. Anything else ("Send SMS" for `send_digest_sms`) is left unmatched and listed.
// The node ids and labels come from the tolerant flowchart reader the drift rules use.
import { parseMermaidFlowchart, type MermaidNode } from "@/lib/drift/mermaid";
import { plainWords } from "@/lib/drift/words";
import type { StepStatus } from "@/lib/timeline";

/** What a node shows. `scheduled` is an open step with no recorded start (Temporal records the start when the attempt ends). */
export type NodeRunStatus = StepStatus | "not_reached";

/** The parts of a timeline activity step the overlay reads (see `groupSteps`). */
export interface OverlayStep {
  activityType: string;
  status: StepStatus;
  attempts: number;
}

export type MatchBasis = "label" | "label-prefix" | "node-id";

export interface NodeOverlay {
  id: string;
  label: string;
  status: NodeRunStatus;
  /** Steps placed on this node (a loop runs one activity several times). */
  stepCount: number;
  /** Attempts over those steps (more than `stepCount` means retries). */
  attempts: number;
  /** Steps per status, for "2 completed, 1 failed". */
  counts: Partial<Record<Exclude<NodeRunStatus, "not_reached">, number>>;
  activityTypes: string[];
}

export interface OverlayMatch {
  activityType: string;
  nodeIds: string[];
  basis: MatchBasis;
}

export type OverlayReason = "no-diagram" | "not-flowchart" | "no-nodes" | "no-activities" | "direct-mode" | "no-label-match";

export interface DiagramOverlay {
  /** `matched`: at least one step is on the diagram; `none-matched`: nothing could be placed; `not-matchable`: the diagram is not a flowchart. */
  verdict: "matched" | "none-matched" | "not-matchable";
  reason: OverlayReason | null;
  /** A sentence for the page when nothing is placed, null otherwise. */
  message: string | null;
  /** Every node of the diagram in source order, `not_reached` when no step is on it. */
  nodes: NodeOverlay[];
  /** Activity types placed on nodes, in the order the run first used them. */
  matches: OverlayMatch[];
  /** Activity types of the run that no node stands for, in first-seen order. */
  unmatchedActivityTypes: string[];
}

// Mermaid renders each flowchart node as `<g class="node" id="[<svg id>-]flowchart-<node id>-<n>">`.
const NODE_DOM_ID = /(?:^|-)flowchart-([A-Za-z0-9_]+)-\d+$/;

/** The flowchart node id of a rendered mermaid node group's DOM id, or null when it is not one. */
export function flowchartNodeId(domId: string): string | null {
  const m = NODE_DOM_ID.exec(domId);
  return m ? (m[1] ?? null) : null;
}

/** The single activity of the direct-mode proxy: the whole tenant entry point runs inside it. */
export const DIRECT_MODE_ACTIVITY = "run_tenant_entry_point";

/** Lowercase words of an identifier or label joined by single spaces: `sendDigestSMS`, `send-digest_sms` and "Send digest SMS" all give "send digest sms". */
export function normaliseName(text: string): string {
  return plainWords(text).join(" ");
}

/** The diagram type keyword of Mermaid source (`flowchart`, `graph`, `sequenceDiagram`…), skipping front matter, directives and comments; null when empty. */
export function diagramKind(source: string): string | null {
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  let i = 0;
  // YAML front matter (`---` … `---`) may carry a title and config before the type.
  while (i < lines.length && (lines[i] ?? "").trim() === "") i++;
  if ((lines[i] ?? "").trim() === "---") {
    i++;
    while (i < lines.length && (lines[i] ?? "").trim() !== "---") i++;
    i++;
  }
  for (; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "" || line.startsWith("%%")) continue;
    const m = /^[A-Za-z][A-Za-z0-9-]*/.exec(line);
    return m ? m[0] : line.slice(0, 40);
  }
  return null;
}

/** Whether run status can be placed on this diagram type: flowcharts only (`flowchart`, `flowchart-elk`, `graph`). */
function isFlowchart(kind: string | null): boolean {
  return kind !== null && /^(?:flowchart|flowchart-elk|graph)$/.test(kind);
}

// Which status a node shows when several steps land on it: an open step wins (the run is there
// now), then the worst outcome.
const PRECEDENCE: readonly Exclude<NodeRunStatus, "not_reached">[] = [
  "running",
  "scheduled",
  "failed",
  "timed_out",
  "unfinished",
  "completed",
];

function nodesFor(type: string, nodes: readonly MermaidNode[]): { ids: string[]; basis: MatchBasis } | null {
  const want = normaliseName(type);
  if (want === "") return null;
  const rules: readonly [MatchBasis, (n: MermaidNode) => boolean][] = [
    ["label", (n) => normaliseName(n.label) === want],
    [
      "label-prefix",
      (n) => {
        const colon = n.label.indexOf(":");
        return colon > 0 && normaliseName(n.label.slice(0, colon)) === want;
      },
    ],
    ["node-id", (n) => normaliseName(n.id) === want],
  ];
  for (const [basis, test] of rules) {
    const ids = nodes.filter(test).map((n) => n.id);
    if (ids.length > 0) return { ids, basis };
  }
  return null;
}

function quoteList(items: readonly string[]): string {
  const shown = items.slice(0, 5).join(", ");
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}

/**
 * Places the run's activity steps on the diagram's nodes (see the module header for the rules).
 * `open` only changes the wording when the run has no activity yet.
 */
export function overlayRun(
  source: string | null | undefined,
  steps: readonly OverlayStep[],
  opts: { open?: boolean } = {},
): DiagramOverlay {
  const empty = (
    verdict: DiagramOverlay["verdict"],
    reason: OverlayReason,
    message: string,
    nodes: NodeOverlay[] = [],
    unmatched: string[] = [],
  ): DiagramOverlay => ({
    verdict,
    reason,
    message,
    nodes,
    matches: [],
    unmatchedActivityTypes: unmatched,
  });
  const text = source?.trim() ? source : null;
  if (!text) return empty("not-matchable", "no-diagram", "This workflow version has no diagram, so the run cannot be shown on one.");
  const kind = diagramKind(text);
  if (!isFlowchart(kind)) {
    return empty(
      "not-matchable",
      "not-flowchart",
      `This diagram is a ${kind ?? "diagram of unknown type"}, not a flowchart; run status is only placed on flowchart nodes.`,
    );
  }

  const graph = parseMermaidFlowchart(text);
  const nodes: NodeOverlay[] = graph.nodes.map((n) => ({
    id: n.id,
    label: n.label,
    status: "not_reached",
    stepCount: 0,
    attempts: 0,
    counts: {},
    activityTypes: [],
  }));
  const byId = new Map(nodes.map((n) => [n.id, n]));

  const types: string[] = [];
  const seen = new Set<string>();
  for (const s of steps) {
    if (s.activityType !== "" && !seen.has(s.activityType)) {
      seen.add(s.activityType);
      types.push(s.activityType);
    }
  }
  if (nodes.length === 0) return empty("none-matched", "no-nodes", "The diagram has no nodes to place this run's steps on.", nodes, types);
  if (types.length === 0) {
    return empty(
      "none-matched",
      "no-activities",
      `This run has no activity steps${opts.open ? " yet" : ""}, so nothing is placed on the diagram.`,
      nodes,
    );
  }

  const matches: OverlayMatch[] = [];
  const unmatched: string[] = [];
  const nodesOfType = new Map<string, NodeOverlay[]>();
  for (const type of types) {
    const found = nodesFor(type, graph.nodes);
    if (!found) {
      unmatched.push(type);
      continue;
    }
    matches.push({ activityType: type, nodeIds: found.ids, basis: found.basis });
    nodesOfType.set(
      type,
      found.ids.map((id) => byId.get(id)).filter((n): n is NodeOverlay => n !== undefined),
    );
  }

  for (const step of steps) {
    for (const node of nodesOfType.get(step.activityType) ?? []) {
      const status = step.status;
      node.stepCount += 1;
      node.attempts += Math.max(1, step.attempts);
      node.counts[status] = (node.counts[status] ?? 0) + 1;
      if (!node.activityTypes.includes(step.activityType)) node.activityTypes.push(step.activityType);
    }
  }
  for (const node of nodes) {
    const top = PRECEDENCE.find((s) => (node.counts[s] ?? 0) > 0);
    if (top) node.status = top;
  }

  if (matches.length > 0) return { verdict: "matched", reason: null, message: null, nodes, matches, unmatchedActivityTypes: unmatched };
  if (types.length === 1 && types[0] === DIRECT_MODE_ACTIVITY) {
    return empty(
      "none-matched",
      "direct-mode",
      `This run's history has a single activity, ${DIRECT_MODE_ACTIVITY} (direct mode); its steps cannot be placed on the diagram.`,
      nodes,
      unmatched,
    );
  }
  return empty(
    "none-matched",
    "no-label-match",
    `No diagram node is labelled with this run's activity ${types.length === 1 ? "type" : "types"} (${quoteList(types)}), so nothing is placed on the diagram.`,
    nodes,
    unmatched,
  );
}
