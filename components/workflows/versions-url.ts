// The workflow page's shareable URL state: ?tab=overview|triggers|run|versions&a=<id>&b=<id> (compare pair).

export type WorkflowTab = "overview" | "triggers" | "run" | "versions";
const TABS: readonly WorkflowTab[] = ["overview", "triggers", "run", "versions"];

export interface WorkflowUrlState {
  tab: WorkflowTab;
  /** Older side of the compare view (a workflow id), or null. */
  a: string | null;
  /** Newer side of the compare view, or null. */
  b: string | null;
}

const ID = /^[A-Za-z0-9-]{1,64}$/;

/** Reads tab and compare pair; malformed ids are ignored. */
export function parseWorkflowUrl(params: { get(name: string): string | null }): WorkflowUrlState {
  const raw = params.get("tab");
  const tab = TABS.find((t) => t === raw) ?? "overview";
  const pick = (v: string | null) => (v && ID.test(v) ? v : null);
  return { tab, a: pick(params.get("a")), b: pick(params.get("b")) };
}

/** The query string of a state ("" for the default overview). */
export function formatWorkflowUrl(state: WorkflowUrlState): string {
  const p = new URLSearchParams();
  if (state.tab !== "overview") p.set("tab", state.tab);
  if (state.tab === "versions") {
    if (state.a) p.set("a", state.a);
    if (state.b) p.set("b", state.b);
  }
  const s = p.toString();
  return s ? `?${s}` : "";
}
