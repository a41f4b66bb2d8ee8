import { sql, type Kysely } from "kysely";
import type { Migration, MigrationProvider } from "kysely/migration";

import { OPERATIONS_MIGRATIONS } from "./migrations-operations";

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
  ...OPERATIONS_MIGRATIONS,
};

/** Names of every migration, in apply order. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS).sort();

/** Hands Kysely's Migrator the migrations above (no files to find at run time: Next bundles code). */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
