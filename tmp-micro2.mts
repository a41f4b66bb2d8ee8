import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
const { PGlite } = await import("@electric-sql/pglite");
const pg = await PGlite.create(mkdtempSync(path.join(os.tmpdir(), "speed-pg-")));
await pg.exec(`create table r (session_id text primary key, tenant_id text not null); create table c (tenant_id text, sub text, not_before timestamptz, primary key (tenant_id, sub));`);
async function time(label: string, n: number, fn: () => unknown) {
  for (let i = 0; i < 200; i++) await fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  console.log(label, ((performance.now() - t) / n * 1000).toFixed(1), "µs");
}
const q = `select exists (select "session_id" from "r" where "session_id" = $1) as "revoked", exists (select "sub" from "c" where "tenant_id" = $2 and "sub" = $3 and "not_before" >= $4) as "cut"`;
await time("select 1 query()", 2000, () => pg.query("select 1"));
await time("select 1 exec()", 2000, () => pg.exec("select 1"));
await time("revoked query params", 2000, () => pg.query(q, ["abc", "t", "s", new Date()]));
await time("revoked query params (in memory? no)", 2000, () => pg.query(`select 1 from r where session_id = $1`, ["abc"]));
const pm = await PGlite.create();
await pm.exec(`create table r (session_id text primary key, tenant_id text not null); create table c (tenant_id text, sub text, not_before timestamptz, primary key (tenant_id, sub));`);
await time("in-memory revoked query", 2000, () => pm.query(q, ["abc", "t", "s", new Date()]));
