/**
 * Where a BFF request's time goes (issue 19): the console process runs with the inspector on, and
 * for each case (workflow list, one workflow, the no-session 401) its CPU profile is taken over a
 * closed loop of requests at concurrency 1 (`Profiler.start` … `Profiler.stop` over the inspector,
 * so server start-up and sign-in are not in it). Each sample is mapped through the server chunks'
 * source maps to the original file and charged to the innermost part of the request path it was
 * in (proxy.ts, the session, the store, the upstream call, the route wrapper, …); what runs
 * outside any of our files is Next.js / Node's HTTP handling. Figures are CPU ms per request of the
 * console process alone (the sandbox and the load loop are other processes).
 * Run: `npx tsx bench/bff-profile.ts` (BENCH_REQUESTS, default 2000 per case; BENCH_PROFILE_DIR
 * keeps the .cpuprofile files for Chrome DevTools).
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { WebSocket } from "undici";
import { freePort, waitUntil } from "../e2e/support/processes";
import { load, printMachine, printTable, startStack } from "./support";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  parent?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A minimal Chrome DevTools Protocol session over the inspector's WebSocket. */
async function inspector(port: number): Promise<{ send: (method: string, params?: object) => Promise<unknown>; close: () => void }> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error("the console's inspector lists no target");
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener("open", () => resolve());
    ws.addEventListener("error", () => reject(new Error("inspector connection failed")));
  });
  let next = 1;
  const pending = new Map<number, (value: unknown) => void>();
  ws.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

/** Original source file of a profiled frame (through the chunk's source map), or its URL. */
function sourceResolver(): (frame: ProfileNode["callFrame"]) => string {
  const maps = new Map<string, SourceMap | null>();
  return (frame) => {
    if (!frame.url.startsWith("file://")) return frame.url || frame.functionName;
    // The standalone folder holds the chunks without their maps; `next build` left them in .next/.
    const file = fileURLToPath(frame.url).replace(
      `${path.sep}.next${path.sep}standalone${path.sep}.next${path.sep}`,
      `${path.sep}.next${path.sep}`,
    );
    let map = maps.get(file);
    if (map === undefined) {
      map = existsSync(`${file}.map`)
        ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")) as ConstructorParameters<typeof SourceMap>[0])
        : null;
      maps.set(file, map);
    }
    const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string } | undefined;
    return entry?.originalSource ?? file;
  };
}

// Parts of the request path, innermost first wins: a zod parse called by the transport is "upstream
// response parse", a PGlite call made by the revocation check is "store".
const PARTS: Array<[string, RegExp]> = [
  ["store (revocation check: Kysely + PGlite/pg)", /lib\/store\/|@electric-sql\/pglite|node_modules\/kysely|node_modules\/pg\//],
  ["logging (pino)", /lib\/observability\/log|node_modules\/pino|sonic-boom/],
  ["metrics (prom-client)", /lib\/observability\/metrics|prom-client/],
  ["tracing (OTel API, no provider)", /lib\/observability\/tracing|@opentelemetry/],
  ["upstream call (transport + undici)", /lib\/pegasus\/|node_modules\/undici/],
  ["session (cookie cache, revocation, token)", /lib\/auth\//],
  ["proxy.ts (CSP, nonce, renewal check)", /proxy\.ts|lib\/security\//],
  ["route wrapper + handler (zod input/output, Response.json)", /lib\/api\/|app\/api\//],
];

function partOf(files: string[]): string {
  // files: leaf first. The leaf decides for GC/idle/native; otherwise the innermost of our parts.
  for (const file of files) for (const [name, pattern] of PARTS) if (pattern.test(file)) return name;
  const leaf = files[0] ?? "";
  if (leaf === "(garbage collector)") return "GC";
  if (leaf === "(idle)") return "(idle)";
  if (leaf === "(program)") return "(program: native, unattributed)";
  return "Next.js + Node HTTP (routing, request/response objects, outside our files)";
}

/** CPU ms per request by part, and the ten hottest leaf files. */
function breakdown(profile: Profile, requests: number): { parts: Map<string, number>; leaves: Map<string, number>; wallMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes)
    for (const c of n.children ?? []) {
      const child = byId.get(c);
      if (child) child.parent = n.id;
    }
  const resolve = sourceResolver();
  const filesOf = new Map<number, string[]>();
  const stackFiles = (id: number): string[] => {
    const cached = filesOf.get(id);
    if (cached) return cached;
    const node = byId.get(id);
    if (!node) return [];
    const own = node.callFrame.url ? resolve(node.callFrame) : `(${node.callFrame.functionName.replace(/[()]/g, "")})`;
    const files = [own, ...(node.parent !== undefined ? stackFiles(node.parent) : [])];
    filesOf.set(id, files);
    return files;
  };
  const parts = new Map<string, number>();
  const leaves = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const files = stackFiles(id);
    const part = partOf(files);
    parts.set(part, (parts.get(part) ?? 0) + ms / requests);
    const leaf = (files[0] ?? "?")
      .replace(/^.*node_modules\//, "")
      .replace(/^.*\[project\]\//, "")
      .replace(/^turbopack:\/\/\//, "");
    leaves.set(leaf, (leaves.get(leaf) ?? 0) + ms / requests);
  });
  return { parts, leaves, wallMs: (profile.endTime - profile.startTime) / 1000 };
}

function report(title: string, profile: Profile, requests: number): void {
  const { parts, leaves, wallMs } = breakdown(profile, requests);
  const busy = [...parts].filter(([name]) => name !== "(idle)").reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`\n${title}: ${(wallMs / requests).toFixed(2)} ms wall, ${busy.toFixed(2)} ms on the console's thread per request`);
  printTable(
    ["part of the request path", "ms / request"],
    [...parts].sort((a, b) => b[1] - a[1]).map(([name, ms]) => [name, ms.toFixed(3)]),
  );
  console.log("");
  printTable(
    ["hottest leaf (original file)", "ms / request"],
    [...leaves]
      .filter(([f]) => f !== "(idle)")
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([f, ms]) => [f.slice(0, 90), ms.toFixed(3)]),
  );
}

async function main(): Promise<void> {
  // `npx tsx bench/bff-profile.ts <name>.<requests>.cpuprofile …` reads profiles kept by an earlier run.
  const files = process.argv.slice(2);
  if (files.length > 0) {
    for (const file of files)
      report(path.basename(file), JSON.parse(readFileSync(file, "utf8")) as Profile, Number(/\.(\d+)\.cpuprofile$/.exec(file)?.[1] ?? 1));
    return;
  }
  printMachine();
  const inspectPort = await freePort();
  const stack = await startStack({ consoleNodeArgs: [`--inspect=127.0.0.1:${inspectPort}`] });
  const keep = process.env.BENCH_PROFILE_DIR;
  try {
    await waitUntil("console inspector", async () => (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).ok, 10_000);
    const cdp = await inspector(inspectPort);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    const upstream = { authorization: `Bearer ${stack.idToken}` };
    const body = (await (await fetch(`${stack.sandboxOrigin}/api/v1/workflows`, { headers: upstream })).json()) as {
      data: Array<{ id: string }>;
    };
    const id = body.data[0]?.id;
    if (!id) throw new Error("sandbox has no workflow to read");
    const cases: Array<{ name: string; url: string; headers: Record<string, string> }> = [
      { name: "workflow list", url: `${stack.consoleOrigin}/api/workflows`, headers: { cookie: stack.cookieHeader } },
      { name: "one workflow", url: `${stack.consoleOrigin}/api/workflows/${id}`, headers: { cookie: stack.cookieHeader } },
      { name: "no session (401)", url: `${stack.consoleOrigin}/api/workflows`, headers: {} },
    ];
    for (const c of cases) {
      const opts = { concurrency: 1, maxRequests: REQUESTS, maxSeconds: 60 };
      await load("warm", () => fetch(c.url, { headers: c.headers }), { ...opts, maxRequests: 200 });
      await cdp.send("Profiler.start");
      const result = await load(c.name, () => fetch(c.url, { headers: c.headers }), opts);
      const { profile } = (await cdp.send("Profiler.stop")) as { profile: Profile };
      if (keep) writeFileSync(path.join(keep, `bff-${c.name.replace(/\W+/g, "-")}.${result.requests}.cpuprofile`), JSON.stringify(profile));
      report(`${c.name}: ${result.requests} requests at concurrency 1, p50 ${result.p50.toFixed(2)} ms`, profile, result.requests);
    }
    cdp.close();
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
