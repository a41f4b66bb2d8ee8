import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, WithSchemaPlugin, type Dialect } from "kysely";
import { Migrator } from "kysely/migration";
import { migrationProvider } from "./migrations";
import { PgliteDialect } from "./pglite-dialect";
import type { Database } from "./schema";
import { markStoreOwnedByThisProcess } from "./sessions";
import { StoreTracingPlugin } from "./tracing-plugin";
import { logger } from "@/lib/observability/logger";

/** Postgres schema that holds every table of the console's store (and Kysely's migration tables). */
export const STORE_SCHEMA = "console";

/** Where the store lives: a real Postgres (`databaseUrl`) or an embedded PGlite data folder. */
export type StoreLocation = { kind: "postgres"; databaseUrl: string } | { kind: "pglite"; dataDir: string | null };

/** An open store: the query builder plus how to close it. */
export interface Store {
  db: Kysely<Database>;
  kind: StoreLocation["kind"];
  close(): Promise<void>;
}

/**
 * The store this process uses: `DATABASE_URL` when set (production, shared by every console
 * process), else an embedded PGlite database under `CONSOLE_STORE_DIR` (default `.console/store`).
 */
export function storeLocationFromEnv(env: NodeJS.ProcessEnv = process.env): StoreLocation {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", databaseUrl: url };
  return {
    kind: "pglite",
    dataDir: path.resolve(env.CONSOLE_STORE_DIR?.trim() || path.join(/*turbopackIgnore: true*/ process.cwd(), ".console", "store")),
  };
}

async function dialectFor(location: StoreLocation): Promise<Dialect> {
  if (location.kind === "postgres") {
    const { Pool } = (await import("pg")).default;
    const pool = new Pool({ connectionString: location.databaseUrl, max: 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
    // An idle client losing its server connection must not crash the console process.
    pool.on("error", (error) => logger().warn({ error: error.message }, "idle Postgres connection of the store failed"));
    return new PostgresDialect({ pool });
  }
  return new PgliteDialect(async () => {
    const { PGlite } = await import("@electric-sql/pglite");
    if (location.dataDir) mkdirSync(location.dataDir, { recursive: true });
    // dataDir null: in memory (tests).
    return location.dataDir ? PGlite.create(location.dataDir) : PGlite.create();
  });
}

/** Applies every pending migration (idempotent; serialised across processes by an advisory lock). */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: STORE_SCHEMA });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Opens the store at `location` and brings its schema up to date. */
export async function openStore(location: StoreLocation): Promise<Store> {
  const db = new Kysely<Database>({
    dialect: await dialectFor(location),
    plugins: [new WithSchemaPlugin(STORE_SCHEMA), new StoreTracingPlugin()],
  });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  // An embedded folder is this process's alone: its revocations can be checked in memory (sessions.ts).
  if (location.kind === "pglite") markStoreOwnedByThisProcess(db);
  return { db, kind: location.kind, close: () => db.destroy() };
}
