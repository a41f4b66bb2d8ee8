import type { ColumnType, Generated } from "kysely";

/** Tables of the console's own store (Postgres schema `console`); see migrations.ts. */
export interface Database {
  audit_events: AuditEventsTable;
  users: UsersTable;
  session_revocations: SessionRevocationsTable;
  session_cutoffs: SessionCutoffsTable;
  integration_versions: IntegrationVersionsTable;
  run_lineage: RunLineageTable;
  workflow_reviews: WorkflowReviewsTable;
  tenant_settings: TenantSettingsTable;
  tenant_names: TenantNamesTable;
  user_ids: UserIdsTable;
  saved_views: SavedViewsTable;
  saved_view_defaults: SavedViewDefaultsTable;
  bulk_jobs: BulkJobsTable;
  bulk_job_items: BulkJobItemsTable;
  failure_acks: FailureAcksTable;
  alert_webhooks: AlertWebhooksTable;
  alert_deliveries: AlertDeliveriesTable;
  failure_groups_seen: FailureGroupsSeenTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date>;

export interface AuditEventsTable {
  /** Monotonic: the newest-first order and the paging cursor. */
  id: Generated<string>;
  at: CreatedAt;
  tenant_id: string;
  actor_sub: string;
  actor_name: string | null;
  actor_email: string | null;
  action: string;
  target: string;
  reason: string | null;
  outcome_status: number;
  outcome_code: string | null;
  request_id: string;
}

export interface UsersTable {
  tenant_id: string;
  sub: string;
  name: string | null;
  email: string | null;
  last_sign_in_at: Date;
}

export interface SessionRevocationsTable {
  session_id: string;
  tenant_id: string;
  sub: string;
  revoked_at: CreatedAt;
  /** When the session would have ended anyway; rows past it can be purged. */
  expires_at: Date;
}

export interface SessionCutoffsTable {
  tenant_id: string;
  sub: string;
  /** Sessions of this user signed in before this instant are refused ("sign out everywhere"). */
  not_before: Date;
}

export interface IntegrationVersionsTable {
  tenant_id: string;
  integration_id: string;
  visibility: string;
  version: number;
  config_id: string;
  content: ColumnType<unknown, string, string>;
  first_seen_at: CreatedAt;
}

export interface RunLineageTable {
  tenant_id: string;
  execution_id: string;
  source_execution_id: string;
  workflow_id: string;
  kind: string;
  actor_sub: string;
  at: CreatedAt;
}

export interface WorkflowReviewsTable {
  /** Monotonic: newest-first order. */
  id: Generated<string>;
  at: CreatedAt;
  tenant_id: string;
  workflow_id: string;
  workflow_name: string;
  visibility: string;
  version: string;
  verdict: string;
  note: string | null;
  reviewer_sub: string;
  reviewer_name: string | null;
  reviewer_email: string | null;
  /** What the review is bound to, computed by the BFF from API data. */
  diagram_sha256: string;
  envelope_digest: string;
}

export interface TenantSettingsTable {
  tenant_id: string;
  require_review_before_triggers: boolean;
  updated_at: Date;
  updated_by_sub: string | null;
  updated_by_name: string | null;
}

export interface TenantNamesTable {
  tenant_id: string;
  /** Shown in the header instead of the tenant's short id; null until a tenant admin sets it. */
  display_name: string | null;
  updated_by_sub: string;
  updated_at: UpdatedAt;
}

export interface SavedViewsTable {
  id: string;
  tenant_id: string;
  owner_sub: string;
  name: string;
  /** The executions list's filter query (`status=FAILED&source=USER`), without a leading `?`. */
  query: string;
  /** Listed for everyone in the tenant, not only the owner. */
  shared: boolean;
  created_at: CreatedAt;
}

export interface SavedViewDefaultsTable {
  tenant_id: string;
  sub: string;
  view_id: string;
}

export interface UserIdsTable {
  tenant_id: string;
  /** The API's TenantUser id of a person. */
  user_id: string;
  /** Their OIDC sub (the key of `users`). */
  sub: string;
  learned_at: UpdatedAt;
}

export interface BulkJobsTable {
  id: string;
  tenant_id: string;
  /** retry | cancel | dry-run */
  kind: string;
  reason: string;
  /** What the user selected from (a failure group, a filtered list), as shown on the job. */
  source: string;
  actor_sub: string;
  actor_name: string | null;
  actor_email: string | null;
  created_at: CreatedAt;
  aborted_at: Date | null;
  aborted_by: string | null;
  finished_at: Date | null;
  lease_owner: string | null;
  lease_until: Date | null;
  backoff_until: Date | null;
  note: string | null;
  credential: string | null;
  credential_expires_at: Date | null;
}

export interface BulkJobItemsTable {
  job_id: string;
  position: number;
  workflow_id: string;
  execution_id: string;
  /** pending → claimed → started (new run open) → done | failed; pending → skipped (abort); claimed → failed (outcome unknown). */
  state: string;
  claimed_by: string | null;
  claimed_at: Date | null;
  new_execution_id: string | null;
  new_status: string | null;
  code: string | null;
  message: string | null;
  finished_at: Date | null;
}

export interface FailureAcksTable {
  tenant_id: string;
  fingerprint: string;
  actor_sub: string;
  actor_name: string | null;
  acked_at: ColumnType<Date, Date | string | undefined, Date>;
  /** The group's last occurrence when it was acknowledged; a later one re-opens the group. */
  last_seen_at: Date;
}

export interface AlertWebhooksTable {
  tenant_id: string;
  url: string;
  /** The signing secret sealed under AUTH_SECRET (lib/alerts/seal.ts); never returned after creation. */
  secret_sealed: string;
  created_at: ColumnType<Date, Date | string | undefined, Date>;
  updated_at: UpdatedAt;
  updated_by_sub: string;
  updated_by_name: string | null;
}

export interface AlertDeliveriesTable {
  id: string;
  tenant_id: string;
  fingerprint: string;
  kind: string;
  occurrence: string;
  /** The JSON message as sent (no secret or config value; the signature is computed per attempt). */
  body: string;
  /** pending → sending → delivered | failed. */
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  claimed_by: string | null;
  claimed_until: Date | null;
  last_status: number | null;
  last_error: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface FailureGroupsSeenTable {
  tenant_id: string;
  fingerprint: string;
  seen_at: CreatedAt;
}
