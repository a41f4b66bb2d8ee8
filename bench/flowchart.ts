// The generated flowcharts the diagram benches draw (bench/diagram-render.ts, bench/mermaid-floor.ts).

const STAGES = ["Ingest", "Validate", "Enrich", "Route", "Fulfil", "Notify", "Reconcile", "Archive"];
const VERBS = ["Fetch", "Parse", "Check", "Map", "Call", "Store", "Send", "Wait for", "Merge", "Split"];
const THINGS = [
  "partner orders",
  "line items",
  "customer record",
  "stock levels",
  "shipping quote",
  "invoice",
  "SMS receipt",
  "ledger entry",
  "webhook",
  "audit trail",
];

/**
 * A realistic flowchart with exactly `nodes` nodes: stages as subgraphs, mostly sequential steps,
 * every fifth step a decision whose "no" branch goes to a retry/failure step further on.
 */
export function generateFlowchart(nodes: number): string {
  const ids = Array.from({ length: nodes }, (_, i) => `n${String(i + 1).padStart(3, "0")}`);
  const stages = Math.min(STAGES.length, Math.max(2, Math.ceil(nodes / 40)));
  const perStage = Math.ceil(nodes / stages);
  const lines = ["flowchart TD"];
  for (let s = 0; s < stages; s++) {
    const members = ids.slice(s * perStage, (s + 1) * perStage);
    if (members.length === 0) break;
    lines.push(`  subgraph stage${s}["${STAGES[s] ?? `Stage ${s}`}"]`);
    for (const id of members) {
      const i = Number(id.slice(1));
      const label = `${VERBS[i % VERBS.length]} ${THINGS[(i * 7) % THINGS.length]} #${i}`;
      lines.push(i % 5 === 0 ? `    ${id}{"${label} ok?"}` : `    ${id}["${label}"]`);
    }
    lines.push("  end");
  }
  for (let i = 0; i < nodes - 1; i++) {
    const [from, to] = [ids[i], ids[i + 1]];
    if ((i + 1) % 5 === 0) {
      lines.push(`  ${from} -->|yes| ${to}`);
      const fallback = ids[Math.min(nodes - 1, i + 3)];
      lines.push(`  ${from} -.->|no| ${fallback}`);
    } else lines.push(`  ${from} --> ${to}`);
  }
  return `${lines.join("\n")}\n`;
}
