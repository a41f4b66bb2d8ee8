import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * Everything the console's store holds, as one searchable text: every row of every table of the
 * `console` schema when the console runs on Postgres (DATABASE_URL), else the raw bytes of every
 * file of the embedded PGlite data folder (E2E_CONSOLE_STORE_DIR; Postgres keeps short text
 * uncompressed in its heap and WAL files, so a stored string is found in them).
 */
export async function storeContents(): Promise<string> {
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'console'",
      );
      const parts: string[] = [];
      for (const { table_name } of tables.rows) {
        const rows = await client.query<{ row: string }>(
          `select row_to_json(t)::text as row from console."${table_name.replace(/"/g, '""')}" t`,
        );
        parts.push(...rows.rows.map((r) => r.row));
      }
      return parts.join("\n");
    } finally {
      await client.end();
    }
  }
  const dir = process.env.E2E_CONSOLE_STORE_DIR;
  if (!dir) throw new Error("E2E_CONSOLE_STORE_DIR is not set (e2e/global-setup.ts sets it)");
  const parts: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) parts.push(readFileSync(full).toString("latin1"));
    }
  };
  walk(dir);
  return parts.join("\n");
}
