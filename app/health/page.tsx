import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PlainPage } from "@/components/shell/plain-page";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { currentHealthViewer, getHealthReport, HEALTH_DETAIL_ROLE } from "@/lib/health";
import type { HealthState } from "@/lib/schemas/health";

export const metadata: Metadata = { title: "Health" };

const TONE: Record<HealthState, "success" | "danger" | "neutral"> = { ok: "success", down: "danger", unknown: "neutral" };
const LABEL: Record<HealthState, string> = { ok: "reachable", down: "unreachable", unknown: "unknown" };

export default async function HealthPage() {
  // proxy.ts sends anonymous visitors to sign-in; this also covers a session that ended meanwhile.
  const viewer = await currentHealthViewer();
  if (viewer === "anonymous") redirect("/sign-in?callbackUrl=%2Fhealth");
  if (viewer !== "admin") {
    return (
      <PlainPage>
        <Card>
          <CardBody className="space-y-3">
            <h1 className="text-xl font-semibold">Health details are for tenant admins</h1>
            <p role="alert" className="text-sm text-slate-700 dark:text-slate-300">
              This page shows internal addresses and versions, so it needs the <code className="font-mono">{HEALTH_DETAIL_ROLE}</code> role.
              Ask a tenant admin if the console seems unwell.
            </p>
            <Link href="/workflows" className="inline-block text-sm font-medium text-brand-700 underline dark:text-brand-100">
              Back to workflows
            </Link>
          </CardBody>
        </Card>
      </PlainPage>
    );
  }
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
                  {check.latencyMs !== null && check.name !== "Console" ? (
                    <span className="text-slate-500"> · {check.latencyMs} ms</span>
                  ) : null}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
    </PlainPage>
  );
}
