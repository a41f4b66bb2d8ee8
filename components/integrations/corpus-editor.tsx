"use client";
import { JsonEditor, type JumpRequest } from "@/components/json-editor/json-editor";
import { Button } from "@/components/ui/button";
import { PART_LABELS, type DraftIssues } from "@/lib/integrations/draft";

/** A golden case's name as written in its JSON, or its position when it has none yet. */
export function caseName(text: string, index: number): string {
  const match = /"name":\s*"((?:[^"\\]|\\.)*)"/.exec(text);
  return match?.[1] ? match[1] : `case ${index + 1}`;
}

const NEW_CASE = JSON.stringify(
  { name: "new case", input: { order: {}, action: "save" }, expected: { valid: true, ruleIds: [] } },
  null,
  2,
);

/** The corpus, case by case: one case open at a time in its own JSON editor; add and remove cases. */
export function CorpusEditor({
  cases,
  issues,
  jump,
  openCase,
  setOpenCase,
  onChange,
}: {
  cases: string[];
  issues: DraftIssues;
  jump: JumpRequest | null;
  openCase: number | null;
  setOpenCase: (update: (current: number | null) => number | null) => void;
  onChange: (update: (cases: string[]) => string[]) => void;
}) {
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium">{PART_LABELS.corpus}</p>
      {cases.length === 0 ? <p className="text-sm text-slate-500">No cases yet.</p> : null}
      {cases.map((text, index) => (
        <details
          key={index}
          open={openCase === index}
          onToggle={(e) => {
            const isOpen = e.currentTarget.open;
            setOpenCase((cur) => (isOpen ? index : cur === index ? null : cur));
          }}
          className="rounded-md border border-slate-200 dark:border-slate-800"
        >
          <summary className="cursor-pointer px-3 py-2 text-sm">
            {caseName(text, index)}
            {issues[`case:${index}`]?.length ? <span className="ml-2 text-xs text-red-600">has problems</span> : null}
          </summary>
          {openCase === index ? (
            <div className="space-y-2 px-3 pb-3">
              <JsonEditor
                label={`Case ${index + 1}`}
                value={text}
                onChange={(t) => onChange((all) => all.map((c, i) => (i === index ? t : c)))}
                issues={issues[`case:${index}`] ?? []}
                jump={jump}
                rows={14}
              />
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  onChange((all) => all.filter((_, i) => i !== index));
                  setOpenCase(() => null);
                }}
              >
                Remove this case
              </Button>
            </div>
          ) : null}
        </details>
      ))}
      <Button
        variant="secondary"
        size="sm"
        onClick={() => {
          onChange((all) => [...all, NEW_CASE]);
          setOpenCase(() => cases.length);
        }}
      >
        Add a case
      </Button>
    </div>
  );
}
