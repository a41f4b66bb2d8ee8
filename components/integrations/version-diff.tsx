"use client";
import { useQuery } from "@tanstack/react-query";
import { Person } from "@/components/people/person";
import { SkeletonRows } from "@/components/ui/skeleton";
import { collapseContext, diffConfigs, type PartDiff } from "@/lib/integrations/diff";
import type { VersionRow } from "@/lib/integrations/schemas";
import { integrationVersionQuery } from "@/lib/queries/integrations";

// The comparison shown under the versions table: metadata side by side, then a line diff per changed part.

/** A timestamp as "YYYY-MM-DD HH:MM UTC" (the raw string when it does not parse). */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

function metaRows(a: VersionRow | undefined, b: VersionRow | undefined): Array<[string, string, string]> {
  const fields: Array<[string, (r: VersionRow) => string]> = [
    ["floor", (r) => r.floor ?? "—"],
    ["display name", (r) => r.displayName ?? "—"],
    ["published by", (r) => r.publishedBy ?? "—"],
    ["published at", (r) => when(r.createdAt)],
  ];
  return fields.map(([label, get]) => [label, a ? get(a) : "?", b ? get(b) : "?"]);
}

export function VersionDiff({ integrationId, from, to, rows }: { integrationId: string; from: number; to: number; rows: VersionRow[] }) {
  const a = useQuery({ ...integrationVersionQuery(integrationId, from), retry: false });
  const b = useQuery({ ...integrationVersionQuery(integrationId, to), retry: false });
  const rowA = rows.find((r) => r.version === from);
  const rowB = rows.find((r) => r.version === to);
  if (a.isPending || b.isPending) return <SkeletonRows rows={3} label="Loading both versions" />;
  const missing = [a, b].filter((q) => q.isError);
  return (
    <div className="mt-4 space-y-3" data-testid="version-diff">
      <h4 className="text-sm font-semibold">
        v{from} → v{to}
      </h4>
      <table className="text-sm">
        <tbody>
          {metaRows(rowA, rowB).map(([label, x, y]) => (
            <tr key={label}>
              <th className="pr-3 text-left font-normal text-slate-500">{label}</th>
              <td className="pr-3">{label === "published by" && x !== "—" && x !== "?" ? <Person id={x} /> : x}</td>
              <td className={x !== y ? "font-medium text-amber-700 dark:text-amber-300" : ""}>
                {label === "published by" && y !== "—" && y !== "?" ? <Person id={y} /> : y}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {missing.length ? (
        <p className="text-sm text-amber-800 dark:text-amber-200">
          {missing.map((q) => q.error?.message).join(" ")} Content diff needs both versions; the metadata above is all the API offers for
          older versions.
        </p>
      ) : a.data && b.data ? (
        <PartDiffs parts={diffConfigs(a.data, b.data)} />
      ) : null}
    </div>
  );
}

function PartDiffs({ parts }: { parts: PartDiff[] }) {
  const changed = parts.filter((p) => p.changed);
  return (
    <div className="space-y-3">
      <p className="text-sm">
        {changed.length === 0
          ? "The two versions have identical content."
          : `Changed: ${changed.map((p) => `${p.part} (+${p.added} −${p.removed})`).join(", ")}. Unchanged: ${
              parts
                .filter((p) => !p.changed)
                .map((p) => p.part)
                .join(", ") || "none"
            }.`}
      </p>
      {changed.map((p) => (
        <details key={p.part} open className="rounded-md border border-slate-200 dark:border-slate-800">
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
            {p.part} <span className="text-emerald-700 dark:text-emerald-300">+{p.added}</span>{" "}
            <span className="text-red-700 dark:text-red-300">−{p.removed}</span>
          </summary>
          <pre className="overflow-x-auto px-3 pb-3 font-mono text-xs leading-5">
            {collapseContext(p.lines).map((line, i) =>
              line === null ? (
                <div key={i} className="text-slate-400">
                  ⋯
                </div>
              ) : (
                <div
                  key={i}
                  className={
                    line.kind === "added"
                      ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200"
                      : line.kind === "removed"
                        ? "bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200"
                        : ""
                  }
                >
                  {line.kind === "added" ? "+ " : line.kind === "removed" ? "− " : "  "}
                  {line.text}
                </div>
              ),
            )}
          </pre>
        </details>
      ))}
    </div>
  );
}
