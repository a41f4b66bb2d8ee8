import { sql, type Kysely } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * Migrations 0004 onward: the operations era (bulk jobs and failure acks, people and saved views,
 * alert webhooks). Kept apart from the first three only to keep each module short; the registry in
 * ./migrations merges both maps, and the same never-edit-a-shipped-migration rule applies here.
 */
export const OPERATIONS_MIGRATIONS: Record<string, Migration> = {
  "0004_bulk_jobs_failure_acks": {
    async up(db: Kysely<unknown>) {
      // A guarded bulk action (retry / cancel / dry-run re-run of many executions), advanced by
      // whichever console process holds its lease.
      await db.schema
        .createTable("bulk_jobs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("actor_sub", "text", (c) => c.notNull())
        .addColumn("actor_name", "text")
        .addColumn("actor_email", "text")
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("aborted_at", "timestamptz")
        .addColumn("aborted_by", "text")
        .addColumn("finished_at", "timestamptz")
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "timestamptz")
        .addColumn("backoff_until", "timestamptz")
        .addColumn("note", "text")
        // The creator's upstream ID token, encrypted (JWE under the console's AUTH_SECRET), so any
        // console process can act as them; cleared when the job ends.
        .addColumn("credential", "text")
        .addColumn("credential_expires_at", "timestamptz")
        .execute();
      await db.schema.createIndex("bulk_jobs_tenant_idx").on("bulk_jobs").columns(["tenant_id", "created_at"]).execute();
      await db.schema.createIndex("bulk_jobs_open_idx").on("bulk_jobs").columns(["finished_at"]).execute();

      // One row per execution the job acts on; the primary key makes "once per job" structural and
      // the state column is only ever moved forward with a conditional UPDATE (claim).
      await db.schema
        .createTable("bulk_job_items")
        .addColumn("job_id", "text", (c) => c.notNull().references("bulk_jobs.id").onDelete("cascade"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("workflow_id", "text", (c) => c.notNull())
        .addColumn("execution_id", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("claimed_by", "text")
        .addColumn("claimed_at", "timestamptz")
        .addColumn("new_execution_id", "text")
        .addColumn("new_status", "text")
        .addColumn("code", "text")
        .addColumn("message", "text")
        .addColumn("finished_at", "timestamptz")
        .addPrimaryKeyConstraint("bulk_job_items_pk", ["job_id", "execution_id"])
        .execute();
      await db.schema.createIndex("bulk_job_items_state_idx").on("bulk_job_items").columns(["job_id", "state", "position"]).execute();

      // Acknowledged failure groups: a group whose last occurrence is after last_seen_at re-opens.
      await db.schema
        .createTable("failure_acks")
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("actor_sub", "text", (c) => c.notNull())
        .addColumn("actor_name", "text")
        .addColumn("acked_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("last_seen_at", "timestamptz", (c) => c.notNull())
        .addPrimaryKeyConstraint("failure_acks_pk", ["tenant_id", "fingerprint"])
        .execute();
    },
  },
  // Issue #16 (people): the tenant's display name and saved views of the executions list.
  "0005_tenant_names_saved_views": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("tenant_names")
        .ifNotExists()
        .addColumn("tenant_id", "text", (c) => c.primaryKey())
        .addColumn("display_name", "text")
        .addColumn("updated_by_sub", "text", (c) => c.notNull())
        .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .execute();

      // The API names people by TenantUser id (createdByUserId, triggeredByUserId, publishedBy), the
      // ID token by sub: the console learns which id is whose from what a person creates through it.
      await db.schema
        .createTable("user_ids")
        .ifNotExists()
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("sub", "text", (c) => c.notNull())
        .addColumn("learned_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint("user_ids_pk", ["tenant_id", "user_id"])
        .execute();

      await db.schema
        .createTable("saved_views")
        .ifNotExists()
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("owner_sub", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("query", "text", (c) => c.notNull())
        .addColumn("shared", "boolean", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex("saved_views_tenant_idx").ifNotExists().on("saved_views").columns(["tenant_id", "owner_sub"]).execute();

      await db.schema
        .createTable("saved_view_defaults")
        .ifNotExists()
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("sub", "text", (c) => c.notNull())
        .addColumn("view_id", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("saved_view_defaults_pk", ["tenant_id", "sub"])
        .execute();
    },
  },
  // Issue #17 (alerts): a tenant's failure-alert webhook and one row per message to send. The
  // unique key (tenant, fingerprint, kind, occurrence) makes "insert if absent" the claim that a
  // new or re-opened group is announced once, whichever console process saw it first.
  "0006_alert_webhooks": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("alert_webhooks")
        .ifNotExists()
        .addColumn("tenant_id", "text", (c) => c.primaryKey())
        .addColumn("url", "text", (c) => c.notNull())
        // the signing secret, sealed (AES-256-GCM under a key derived from AUTH_SECRET)
        .addColumn("secret_sealed", "text", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("updated_by_sub", "text", (c) => c.notNull())
        .addColumn("updated_by_name", "text")
        .execute();

      await db.schema
        .createTable("alert_deliveries")
        .ifNotExists()
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        // failure_group.new | failure_group.reopened | test
        .addColumn("kind", "text", (c) => c.notNull())
        // "" for a new group; the acknowledged last occurrence for a re-open; the id for a test
        .addColumn("occurrence", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        // pending → sending → delivered | failed (sending with an expired claim is taken again)
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("claimed_by", "text")
        .addColumn("claimed_until", "timestamptz")
        .addColumn("last_status", "integer")
        .addColumn("last_error", "text")
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("finished_at", "timestamptz")
        .addUniqueConstraint("alert_deliveries_once", ["tenant_id", "fingerprint", "kind", "occurrence"])
        .execute();
      await db.schema
        .createIndex("alert_deliveries_due_idx")
        .ifNotExists()
        .on("alert_deliveries")
        .columns(["status", "next_attempt_at"])
        .execute();
      await db.schema
        .createIndex("alert_deliveries_tenant_idx")
        .ifNotExists()
        .on("alert_deliveries")
        .columns(["tenant_id", "created_at"])
        .execute();
    },
  },
  // Issue #17 (alerts): every failure group any scan has seen, per tenant. A group is announced as
  // new only by the scan that first records it (the insert that adds the row), so a failure that
  // recurs from before the webhook was set, or a narrow scan window, never looks new.
  "0007_failure_groups_seen": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("failure_groups_seen")
        .ifNotExists()
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint("failure_groups_seen_pk", ["tenant_id", "fingerprint"])
        .execute();
    },
  },
};
