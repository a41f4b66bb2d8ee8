// A throw-away Postgres 15 cluster for the test suite: initdb into a temp folder, start it on a
// free loopback port, hand back its URL and a stop function. Uses Debian's `postgresql` package
// (binaries under /usr/lib/postgresql/15/bin); as root it runs the server as user `postgres`.
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function asServerUser(args) {
  const root = process.getuid?.() === 0;
  const [cmd, ...rest] = root ? ["runuser", "-u", "postgres", "--", ...args] : args;
  const r = spawnSync(cmd, rest, { encoding: "utf8" });
  if (r.status !== 0)
    throw new Error(`${args[0]} failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout || String(r.error ?? "")).trim()}`);
  return r.stdout;
}

/** Starts a fresh cluster; returns `{ url, stop }`. Throws with the reason when it cannot. */
export async function startThrowawayPostgres() {
  if (!existsSync(path.join(PG_BIN, "pg_ctl")))
    throw new Error(`Postgres 15 not found under ${PG_BIN} (Debian: apt-get install postgresql)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "console-pg-"));
  const data = path.join(dir, "data");
  if (process.getuid?.() === 0) {
    const ids = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gids = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    if (ids.status !== 0) throw new Error("user postgres does not exist (Debian's postgresql package creates it)");
    chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }
  chmodSync(dir, 0o700);
  const port = await freePort();
  asServerUser([path.join(PG_BIN, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"]);
  asServerUser([
    path.join(PG_BIN, "pg_ctl"),
    "-D",
    data,
    "-l",
    path.join(dir, "server.log"),
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    "-w",
    "-t",
    "60",
    "start",
  ]);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asServerUser([path.join(PG_BIN, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]);
      } catch (error) {
        console.error(String(error));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates an empty database on the cluster and returns its URL. */
export function createDatabase(baseUrl, name) {
  const url = new URL(baseUrl);
  const r = spawnSync(
    path.join(PG_BIN, "psql"),
    ["-h", "127.0.0.1", "-p", url.port, "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", `create database ${name}`],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`create database ${name} failed: ${(r.stderr || "").trim()}`);
  url.pathname = `/${name}`;
  return url.toString();
}

// `node scripts/postgres.mjs` starts one and prints its URL until Ctrl-C (handy for local runs).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const pg = await startThrowawayPostgres();
  console.log(pg.url);
  const stop = () => {
    pg.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  setInterval(() => undefined, 1 << 30);
}
