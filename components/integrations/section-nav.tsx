"use client";
import { PART_LABELS, type DraftIssues, type DraftPart } from "@/lib/integrations/draft";

// The list of config parts beside the editor, each with its count of open problems.

export type Section = DraftPart | "corpus";
const SECTIONS: Section[] = ["mapping", "rules", "corpus", "meta", "externalShape", "externalMapping", "inbound"];

/** One button per part; the current one is marked, and a red count shows its problems. */
export function SectionNav({ section, issues, onSelect }: { section: Section; issues: DraftIssues; onSelect: (s: Section) => void }) {
  const issueCount = (s: Section) =>
    s === "corpus"
      ? Object.entries(issues)
          .filter(([k]) => k.startsWith("case:") || k === "corpus")
          .reduce((n, [, v]) => n + v.length, 0)
      : (issues[s]?.length ?? 0);

  return (
    <nav aria-label="Config parts" className="flex flex-wrap gap-1 lg:flex-col">
      {SECTIONS.map((s) => (
        <button
          key={s}
          type="button"
          aria-current={section === s ? "true" : undefined}
          onClick={() => onSelect(s)}
          className={
            section === s
              ? "rounded-md bg-brand-600 px-3 py-1.5 text-left text-sm text-white"
              : "rounded-md px-3 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
          }
        >
          {PART_LABELS[s].split(" (")[0]}
          {issueCount(s) ? <span className="ml-2 rounded-full bg-red-600 px-1.5 text-xs text-white">{issueCount(s)}</span> : null}
        </button>
      ))}
    </nav>
  );
}
