"use client";
import { JsonViewer } from "@/components/json/json-viewer";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { flattenMapping } from "@/lib/integrations/mapping-table";
import { describeRules } from "@/lib/integrations/rule-text";
import type { IntegrationConfig } from "@/lib/schemas/integration";

/** The mapping as a table: output field ← source path(s), with transforms in plain words. */
export function MappingView({ mapping }: { mapping: unknown }) {
  const rows = flattenMapping(mapping);
  if (rows.length === 0) return <EmptyState title="No mapping">This config maps no output fields.</EmptyState>;
  return (
    <Card>
      <Table>
        <THead>
          <TR>
            <TH>Output field</TH>
            <TH>Source path(s), tried in order</TH>
            <TH>Transforms</TH>
          </TR>
        </THead>
        <TBody>
          {rows.map((row) => (
            <TR key={row.output}>
              <TD className="font-mono text-xs" style={{ paddingLeft: `${0.75 + row.depth * 1.25}rem` }}>
                {row.output}
                {row.isEach ? (
                  <Badge tone="info" className="ml-2">
                    each
                  </Badge>
                ) : null}
              </TD>
              <TD className="font-mono text-xs">
                {row.sources.length === 0 ? <span className="text-slate-500">—</span> : null}
                {row.sources.map((s, i) => (
                  <div key={i}>
                    {i > 0 ? <span className="text-slate-500">else </span> : <span className="text-slate-500">← </span>}
                    {s === "." ? "(the whole record)" : s}
                  </div>
                ))}
              </TD>
              <TD className="text-xs">
                {row.transforms.length ? (
                  row.transforms.map((t, i) => <div key={i}>{t}</div>)
                ) : (
                  <span className="text-slate-500">copied as is</span>
                )}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

/** The rules as "Rejected when all of …" cards. */
export function RulesView({ rules, factDocs }: { rules: unknown; factDocs?: Record<string, string> }) {
  const cards = describeRules(rules, factDocs);
  if (cards.length === 0) return <EmptyState title="No rules">Nothing is rejected by this config.</EmptyState>;
  return (
    <ul className="grid gap-3 md:grid-cols-2">
      {cards.map((card) => (
        <li key={card.id}>
          <Card className="h-full p-4">
            <p className="font-mono text-xs text-slate-500">{card.id}</p>
            <p className="mt-1 font-medium">{card.description || card.message}</p>
            <p className="mt-2 text-sm">
              Rejected when <strong>all</strong> of:
            </p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
              {card.clauses.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
            <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
              Field <span className="font-mono">{card.field || "—"}</span> · says “{card.message}”
              {card.sourceRef ? ` · source ${card.sourceRef}` : ""}
            </p>
          </Card>
        </li>
      ))}
    </ul>
  );
}

interface CaseView {
  name: string;
  action: string;
  valid: boolean | null;
  ruleIds: string[];
}

function casesOf(corpus: unknown): CaseView[] {
  if (!Array.isArray(corpus)) return [];
  return corpus.map((c: unknown, i) => {
    const rec = (typeof c === "object" && c !== null ? c : {}) as Record<string, unknown>;
    const input = (typeof rec.input === "object" && rec.input !== null ? rec.input : {}) as Record<string, unknown>;
    const expected = (typeof rec.expected === "object" && rec.expected !== null ? rec.expected : {}) as Record<string, unknown>;
    return {
      name: typeof rec.name === "string" ? rec.name : `case ${i + 1}`,
      action: typeof input.action === "string" ? input.action : "save (default)",
      valid: typeof expected.valid === "boolean" ? expected.valid : null,
      ruleIds: Array.isArray(expected.ruleIds) ? expected.ruleIds.map(String) : [],
    };
  });
}

/** The golden cases with their expected outcome. */
export function CorpusView({ corpus }: { corpus: unknown }) {
  const cases = casesOf(corpus);
  if (cases.length === 0)
    return <EmptyState title="No corpus cases">Add golden cases in the editor so the gate can prove the rules.</EmptyState>;
  return (
    <Card>
      <Table>
        <THead>
          <TR>
            <TH>Case</TH>
            <TH>Action</TH>
            <TH>Expected</TH>
          </TR>
        </THead>
        <TBody>
          {cases.map((c, i) => (
            <TR key={i}>
              <TD>{c.name}</TD>
              <TD className="text-xs">{c.action}</TD>
              <TD>
                {c.valid === null ? (
                  <Badge tone="warning">no expectation</Badge>
                ) : c.valid ? (
                  <Badge tone="success">accepted</Badge>
                ) : (
                  <Badge tone="danger">rejected</Badge>
                )}
                {c.ruleIds.length ? <span className="ml-2 font-mono text-xs">{c.ruleIds.join(", ")}</span> : null}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

/** Every stored field, as JSON (read-only, copyable). */
export function RawView({ config }: { config: IntegrationConfig }) {
  return (
    <Card>
      <CardHeader title="Raw JSON" description="The active config exactly as the API returns it." />
      <JsonViewer value={config} label={`Config ${config.integrationId} v${config.version}`} />
    </Card>
  );
}
