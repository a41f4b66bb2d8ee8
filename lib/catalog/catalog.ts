// The workflows list (pegasus-api.md §3.1, §13.1): versions are sibling rows with the same name,
// grouped on the client into one row per (visibility, name) showing the latest version, with
// the older versions behind an expander; "Platform library" (GLOBAL) apart from "Your workflows".
import type { Workflow } from "@/lib/schemas/workflow";

type CatalogWorkflow = Pick<Workflow, "id" | "name" | "version" | "visibility" | "manifest" | "executable" | "status" | "createdAt">;

export interface Executability {
  kind: "retired" | "curated" | "executable" | "not-executable";
  label: "Retired" | "Curated" | "Executable" | "Not executable";
  hint: string | null;
}

export interface CatalogRow<W extends CatalogWorkflow = CatalogWorkflow> {
  /** `${visibility}:${name}`. */
  key: string;
  name: string;
  visibility: W["visibility"];
  latest: W;
  /** Every other version, newest first. */
  older: W[];
  description: string | null;
  executability: Executability;
  /** True when every version is retired (only seen with includeRetired). */
  retired: boolean;
}

export interface Catalog<W extends CatalogWorkflow = CatalogWorkflow> {
  platform: CatalogRow<W>[];
  tenant: CatalogRow<W>[];
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([a-z0-9.-]+))?$/;

function comparePrerelease(a: string, b: string): number {
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return Math.sign(d);
    } else if (nx !== ny) {
      return nx ? -1 : 1; // numeric identifiers rank below alphanumeric ones
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/** Semver order (ascending): pre-releases below their release; unparsable versions below all valid ones. */
export function compareVersions(a: string, b: string): number {
  const ma = SEMVER.exec(a);
  const mb = SEMVER.exec(b);
  if (!ma || !mb) {
    if (ma) return 1;
    if (mb) return -1;
    return a === b ? 0 : a < b ? -1 : 1;
  }
  for (let i = 1; i <= 3; i++) {
    const d = Number(ma[i]) - Number(mb[i]);
    if (d !== 0) return Math.sign(d);
  }
  const pa = ma[4];
  const pb = mb[4];
  if (pa === undefined && pb === undefined) return 0;
  if (pa === undefined) return 1;
  if (pb === undefined) return -1;
  return comparePrerelease(pa, pb);
}

/**
 * The state badge of contract §13.1: Retired first (a retired version runs nothing, whatever its
 * artifact), then Curated (GLOBAL), Executable, or Not executable with a hint.
 */
export function executabilityOf(w: Pick<Workflow, "visibility" | "executable"> & { status?: Workflow["status"] }): Executability {
  if (w.status === "RETIRED")
    return {
      kind: "retired",
      label: "Retired",
      hint: "Retired versions can no longer be run, triggered, forked or downloaded; what they did stays readable.",
    };
  if (w.visibility === "GLOBAL") return { kind: "curated", label: "Curated", hint: null };
  if (w.executable) return { kind: "executable", label: "Executable", hint: null };
  return {
    kind: "not-executable",
    label: "Not executable",
    hint: "Re-upload the artifact with the current SDK to make this version runnable.",
  };
}

/** One row per (visibility, name): latest active version by semver, older versions newest first. */
export function groupWorkflowsByName<W extends CatalogWorkflow>(workflows: readonly W[]): Catalog<W> {
  const groups = new Map<string, W[]>();
  for (const w of workflows) {
    const key = `${w.visibility}:${w.name}`;
    const list = groups.get(key);
    if (list) list.push(w);
    else groups.set(key, [w]);
  }
  const rows: CatalogRow<W>[] = [];
  for (const [key, versions] of groups) {
    const sorted = [...versions].sort(
      (a, b) => compareVersions(b.version, a.version) || (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0),
    );
    const latest = sorted.find((w) => w.status !== "RETIRED") ?? sorted[0];
    if (!latest) continue;
    rows.push({
      key,
      name: latest.name,
      visibility: latest.visibility,
      latest,
      older: sorted.filter((w) => w !== latest),
      description: latest.manifest.description ?? null,
      executability: executabilityOf(latest),
      retired: sorted.every((w) => w.status === "RETIRED"),
    });
  }
  const byName = (a: CatalogRow<W>, b: CatalogRow<W>) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    platform: rows.filter((r) => r.visibility === "GLOBAL").sort(byName),
    tenant: rows.filter((r) => r.visibility === "TENANT").sort(byName),
  };
}

function fold(text: string): string {
  return text.toLowerCase().replace(/[-_.]+/g, " ");
}

/**
 * Rows whose name or description contains every word of the query (case-insensitive; `-`/`_`
 * count as spaces). Name matches rank first (prefix before anywhere), then description matches.
 */
export function searchCatalog<W extends CatalogWorkflow>(rows: readonly CatalogRow<W>[], query: string): CatalogRow<W>[] {
  const terms = fold(query)
    .split(/\s+/)
    .filter((t) => t !== "");
  if (terms.length === 0) return [...rows];
  const scored: { row: CatalogRow<W>; score: number; index: number }[] = [];
  rows.forEach((row, index) => {
    const name = fold(row.name);
    const descriptions = [row.latest, ...row.older].map((w) => fold(w.manifest.description ?? "")).join(" \u0000 ");
    if (!terms.every((t) => name.includes(t) || descriptions.includes(t))) return;
    const score = name.startsWith(terms[0] ?? "") ? 0 : terms.every((t) => name.includes(t)) ? 1 : 2;
    scored.push({ row, score, index });
  });
  return scored.sort((a, b) => a.score - b.score || a.index - b.index).map((s) => s.row);
}
