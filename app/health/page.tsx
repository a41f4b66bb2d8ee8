import type { Metadata } from "next";
import Link from "next/link";
import { PlainPage } from "@/components/shell/plain-page";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getHealthReport } from "@/lib/health";
import type { HealthState } from "@/lib/schemas/health";

export const metadata: Metadata = { title: "Health" };

const TONE: Record<HealthState, "success" | "danger" | "neutral"> = { ok: "success", down: "danger", unknown: "neutral" };
const LABEL: Record<HealthState, string> = { ok: "reachable", down: "unreachable", unknown: "unknown" };

export default async function HealthPage() {
  const report = await getHealthReport();
  return (
    <PlainPage wide>
      <Card>
        <CardHeader
          title={report.status === "ok" ? "All dependencies answer" : "Some dependencies are not answering"}
          description={`Checked at ${report.checkedAt}`}
          actions={
            <Link href="/health" className="text-sm font-medium text-brand-700 underline dark:text-brand-100">
              Check again
            </Link>
          }
        />
        <Table aria-label="Dependency checks">
          <THead>
            <tr>
              <TH>Dependency</TH>
              <TH>State</TH>
              <TH>Why</TH>
            </tr>
          </THead>
          <TBody>
            {report.checks.map((check) => (
              <TR key={check.name}>
                <TD>
                  <div className="font-medium">{check.name}</div>
                  <div className="font-mono text-xs text-slate-500">{check.target}</div>
                </TD>
                <TD>
                  <Badge tone={TONE[check.state]}>{LABEL[check.state]}</Badge>
                </TD>
                <TD>
                  {check.detail}
                  {check.latencyMs !== null && check.name !== "Console" ? <span className="text-slate-500"> · {check.latencyMs} ms</span> : null}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </PlainPage>
  );
}
