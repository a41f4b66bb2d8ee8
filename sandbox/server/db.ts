import Database from "better-sqlite3";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type Db = Database.Database;

const SCHEMA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "schema");

/** Open `<stateDir>/pegasus.db` (WAL, foreign keys) and apply pending `schema/*.sql` files in name order. */
export function openDb(stateDir: string): Db {
  mkdirSync(stateDir, { recursive: true });
  const db = new Database(path.join(stateDir, "pegasus.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

/** Apply every schema file not yet recorded in `schema_migrations`, each in one transaction. */
export function migrate(db: Db, schemaDir = SCHEMA_DIR): string[] {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
  const done = new Set((db.prepare("SELECT name FROM schema_migrations").all() as Array<{ name: string }>).map((r) => r.name));
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = readFileSync(path.join(schemaDir, file), "utf8");
    db.transaction(() => {
      db.exec(sql);
      db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)").run(file, new Date().toISOString());
    })();
    applied.push(file);
  }
  return applied;
}

/** Current time as the ISO string every table stores. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Parse a JSON column (null stays null). */
export function parseJsonColumn(value: string | null | undefined): unknown {
  if (value === null || value === undefined) return null;
  return JSON.parse(value) as unknown;
}
