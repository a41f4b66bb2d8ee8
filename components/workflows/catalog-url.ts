// The catalog's shareable URL state: ?q=<search>&retired=1&section=tenant|platform.

export type CatalogSection = "all" | "tenant" | "platform";

export interface CatalogUrlState {
  q: string;
  includeRetired: boolean;
  section: CatalogSection;
}

/** Reads the catalog state from search params; anything unknown falls back to the default. */
export function parseCatalogUrl(params: { get(name: string): string | null }): CatalogUrlState {
  const section = params.get("section");
  return {
    q: (params.get("q") ?? "").slice(0, 200),
    includeRetired: params.get("retired") === "1",
    section: section === "tenant" || section === "platform" ? section : "all",
  };
}

/** The query string (with "?" when not empty) of a catalog state; defaults are left out. */
export function formatCatalogUrl(state: CatalogUrlState): string {
  const p = new URLSearchParams();
  if (state.q.trim() !== "") p.set("q", state.q);
  if (state.includeRetired) p.set("retired", "1");
  if (state.section !== "all") p.set("section", state.section);
  const s = p.toString();
  return s ? `?${s}` : "";
}
