/** Tabs of an integration's page; the active one, the diff pair and the editor part live in the URL. */
export const INTEGRATION_TABS = ["mapping", "rules", "corpus", "raw", "edit", "versions"] as const;
export type IntegrationTab = (typeof INTEGRATION_TABS)[number];

export interface IntegrationUrlState {
  tab: IntegrationTab;
  /** Versions compared in the diff (older, newer), when chosen. */
  diff: [number, number] | null;
}

/** Reads the shareable state from search params; junk falls back to defaults. */
export function parseIntegrationUrl(params: { get(name: string): string | null }): IntegrationUrlState {
  const rawTab = params.get("tab");
  const tab = (INTEGRATION_TABS as readonly string[]).includes(rawTab ?? "") ? (rawTab as IntegrationTab) : "mapping";
  const match = /^(\d+)\.\.(\d+)$/.exec(params.get("diff") ?? "");
  const a = match ? Number(match[1]) : NaN;
  const b = match ? Number(match[2]) : NaN;
  const diff: [number, number] | null = match && a > 0 && b > 0 && a !== b ? [Math.min(a, b), Math.max(a, b)] : null;
  return { tab, diff };
}

/** Builds the query string for a state (defaults omitted). */
export function formatIntegrationUrl(state: IntegrationUrlState): string {
  const params = new URLSearchParams();
  if (state.tab !== "mapping") params.set("tab", state.tab);
  if (state.diff) params.set("diff", `${state.diff[0]}..${state.diff[1]}`);
  const text = params.toString();
  return text ? `?${text}` : "";
}
