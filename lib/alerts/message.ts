// The JSON message a tenant's webhook receives. Built only from a failure group's counts, times,
// workflow name, fingerprint and catalog title, plus the normalised message (ids, numbers, phone
// numbers, e-mails and quoted values replaced: lib/failures/normalize.ts). Never the raw error
// message, run input, secret or config value. Pure.

export type AlertKind = "failure_group.new" | "failure_group.reopened" | "test";

/** The facts of a group an alert carries. */
export interface AlertGroupFacts {
  fingerprint: string;
  workflowName: string | null;
  status: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** The normalised message (FailureGroup.signature). */
  signature: string;
  cause: { title: string; owner: string | null };
}

export interface AlertMessage {
  id: string;
  type: AlertKind;
  tenant: string;
  sentAt: string;
  /** The group's facts with the normalised message under `message`, and a link to the page. */
  group: (Omit<AlertGroupFacts, "signature"> & { message: string; link: string }) | null;
}

/** The needs-attention page filtered to the group's workflow, on the console at `origin`. */
export function attentionLink(origin: string, workflowName: string | null): string {
  const query = new URLSearchParams({ days: "7" });
  if (workflowName) query.set("workflow", workflowName);
  // an empty origin (no AUTH_URL configured) gives a path
  return `${origin ? new URL(origin).origin : ""}/executions/attention?${query.toString()}`;
}

/** The message for one group (`sentAt` is when it was first queued; retries send the same body). */
export function alertMessage(args: {
  id: string;
  type: Exclude<AlertKind, "test">;
  tenant: string;
  sentAt: Date;
  group: AlertGroupFacts;
  origin: string;
}): AlertMessage {
  const g = args.group;
  return {
    id: args.id,
    type: args.type,
    tenant: args.tenant,
    sentAt: args.sentAt.toISOString(),
    group: {
      fingerprint: g.fingerprint,
      workflowName: g.workflowName,
      status: g.status,
      count: g.count,
      firstSeen: g.firstSeen,
      lastSeen: g.lastSeen,
      cause: { title: g.cause.title, owner: g.cause.owner },
      message: g.signature,
      link: attentionLink(args.origin, g.workflowName),
    },
  };
}

/** A test message: no group. */
export function testMessage(args: { id: string; tenant: string; sentAt: Date }): AlertMessage {
  return { id: args.id, type: "test", tenant: args.tenant, sentAt: args.sentAt.toISOString(), group: null };
}
