import { sql, type Kysely } from "kysely";
import type { Migration, MigrationProvider } from "kysely/migration";

/**
 * The store's schema, as versioned migrations in code. Names sort in apply order; a migration,
 * once shipped, is never edited (add a new one instead). Kysely's Migrator records applied names
 * in `console.kysely_migration` and holds a Postgres advisory lock while it migrates, so two
 * console processes starting at once apply each migration exactly once.
 */
const MIGRATIONS: Record<string, Migration> = {
  "0001_audit_users_sessions": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("audit_events")
        .addColumn("id", "bigint", (c) => c.generatedAlwaysAsIdentity().primaryKey())
        .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("actor_sub", "text", (c) => c.notNull())
        .addColumn("actor_name", "text")
        .addColumn("actor_email", "text")
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("target", "text", (c) => c.notNull())
        .addColumn("reason", "text")
        .addColumn("outcome_status", "integer", (c) => c.notNull())
        .addColumn("outcome_code", "text")
        .addColumn("request_id", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("audit_events_tenant_id_idx").on("audit_events").columns(["tenant_id", "id"]).execute();
      await db.schema.createIndex("audit_events_tenant_at_idx").on("audit_events").columns(["tenant_id", "at"]).execute();

      await db.schema
        .createTable("users")
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("sub", "text", (c) => c.notNull())
        .addColumn("name", "text")
        .addColumn("email", "text")
        .addColumn("last_sign_in_at", "timestamptz", (c) => c.notNull())
        .addPrimaryKeyConstraint("users_pk", ["tenant_id", "sub"])
        .execute();

      await db.schema
        .createTable("session_revocations")
        .addColumn("session_id", "text", (c) => c.primaryKey())
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("sub", "text", (c) => c.notNull())
        .addColumn("revoked_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("expires_at", "timestamptz", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("session_cutoffs")
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("sub", "text", (c) => c.notNull())
        .addColumn("not_before", "timestamptz", (c) => c.notNull())
        .addPrimaryKeyConstraint("session_cutoffs_pk", ["tenant_id", "sub"])
        .execute();
    },
  },
  "0002_integration_versions_lineage": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("integration_versions")
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("integration_id", "text", (c) => c.notNull())
        .addColumn("visibility", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("config_id", "text", (c) => c.notNull())
        .addColumn("content", "jsonb", (c) => c.notNull())
        .addColumn("first_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint("integration_versions_pk", ["tenant_id", "integration_id", "visibility", "version", "config_id"])
        .execute();

      await db.schema
        .createTable("run_lineage")
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("execution_id", "text", (c) => c.notNull())
        .addColumn("source_execution_id", "text", (c) => c.notNull())
        .addColumn("workflow_id", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("actor_sub", "text", (c) => c.notNull())
        .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint("run_lineage_pk", ["tenant_id", "execution_id"])
        .execute();
      await db.schema.createIndex("run_lineage_source_idx").on("run_lineage").columns(["tenant_id", "source_execution_id"]).execute();
    },
  },
  "0003_workflow_reviews_settings": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("workflow_reviews")
        .addColumn("id", "bigint", (c) => c.generatedAlwaysAsIdentity().primaryKey())
        .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn("workflow_id", "text", (c) => c.notNull())
        .addColumn("workflow_name", "text", (c) => c.notNull())
        .addColumn("visibility", "text", (c) => c.notNull())
        .addColumn("version", "text", (c) => c.notNull())
        .addColumn("verdict", "text", (c) => c.notNull())
        .addColumn("note", "text")
        .addColumn("reviewer_sub", "text", (c) => c.notNull())
        .addColumn("reviewer_name", "text")
        .addColumn("reviewer_email", "text")
        .addColumn("diagram_sha256", "text", (c) => c.notNull())
        .addColumn("envelope_digest", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("workflow_reviews_workflow_idx")
        .on("workflow_reviews")
        .columns(["tenant_id", "workflow_id", "id"])
        .execute();
      await db.schema
        .createIndex("workflow_reviews_name_idx")
        .on("workflow_reviews")
        .columns(["tenant_id", "workflow_name", "id"])
        .execute();

      await db.schema
        .createTable("tenant_settings")
        .addColumn("tenant_id", "text", (c) => c.primaryKey())
        .addColumn("require_review_before_triggers", "boolean", (c) => c.notNull().defaultTo(false))
        .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("updated_by_sub", "text")
        .addColumn("updated_by_name", "text")
        .execute();
    },
  },
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
};

/** Names of every migration, in apply order. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS).sort();

/** Hands Kysely's Migrator the migrations above (no files to find at run time: Next bundles code). */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
