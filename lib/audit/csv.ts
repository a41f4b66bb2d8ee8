/** One row of the Activity export. */
export interface AuditCsvRow {
  at: string;
  actor: { sub: string; name: string | null; email: string | null };
  action: string;
  target: string;
  reason: string | null;
  outcome: { status: number; code: string | null };
  requestId: string;
}

const COLUMNS = ["at", "actor_name", "actor_email", "actor_sub", "action", "target", "reason", "status", "code", "request_id"];

/**
 * RFC 4180 field: quoted when needed, quotes doubled. A field that a spreadsheet would run as a
 * formula (leading = + - @ or a tab) gets a leading apostrophe.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV text (header line first, CRLF line ends) of some audit events. */
export function auditCsv(rows: readonly AuditCsvRow[]): string {
  const lines = [COLUMNS.join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.at,
        r.actor.name ?? "",
        r.actor.email ?? "",
        r.actor.sub,
        r.action,
        r.target,
        r.reason ?? "",
        String(r.outcome.status),
        r.outcome.code ?? "",
        r.requestId,
      ]
        .map(csvField)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
