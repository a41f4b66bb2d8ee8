/**
 * BFF overhead (design §7): the same GET straight to the sandbox upstream and through the console
 * BFF, side by side in one run. Targets: added p50 ≤ 2 ms, added p99 ≤ 10 ms.
 * Run alone: `npx tsx bench/bff-overhead.ts` (BENCH_REQUESTS, BENCH_CONCURRENCY, BENCH_SECONDS tune it).
 */
import { load, printMachine, printTable, startStack, type LoadResult } from "./support";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
// Concurrency 1 gives the added latency of one request; 10 shows it under load (2-core machine: the
// load loop, the console and the sandbox share the CPUs, so the loaded figures are pessimistic).
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? "1,10").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const TARGET_P50_MS = 2;
const TARGET_P99_MS = 10;

async function main(): Promise<void> {
  printMachine();
  // BENCH_PAIR=0 leaves out the two-process rows (they start a throw-away Postgres and two more consoles).
  const withPair = process.env.BENCH_PAIR !== "0";
  const stack = await startStack({ pair: withPair });
  try {
    const upstream = { authorization: `Bearer ${stack.idToken}` };
    const bff = { cookie: stack.cookieHeader };
    const list = await fetch(`${stack.sandboxOrigin}/api/v1/workflows`, { headers: upstream });
    const body = (await list.json()) as { data: Array<{ id: string }> };
    const id = body.data[0]?.id;
    if (!id) throw new Error("sandbox has no workflow to read");
    const check = await fetch(`${stack.consoleOrigin}/api/workflows/${id}`, { headers: bff });
    if (!check.ok) throw new Error(`BFF GET /api/workflows/${id} -> ${check.status}`);

    const cases: Array<{ name: string; direct: string; viaBff: string }> = [
      { name: "workflow list", direct: "/api/v1/workflows", viaBff: "/api/workflows" },
      { name: "one workflow", direct: `/api/v1/workflows/${id}`, viaBff: `/api/workflows/${id}` },
    ];
    const rows: Array<Array<string | number>> = [];
    const deltas: Array<Array<string | number>> = [];
    for (const concurrency of CONCURRENCIES)
      for (const c of cases) {
        const opts = { concurrency, maxRequests: REQUESTS, maxSeconds: SECONDS };
        // Warm both paths (JIT, connection pools, Next route compile-on-first-hit caches).
        await load("warm", () => fetch(stack.sandboxOrigin + c.direct, { headers: upstream }), { ...opts, maxRequests: 100 });
        await load("warm", () => fetch(stack.consoleOrigin + c.viaBff, { headers: bff }), { ...opts, maxRequests: 100 });
        const direct = await load(
          `${c.name} c=${concurrency}: upstream`,
          () => fetch(stack.sandboxOrigin + c.direct, { headers: upstream }),
          opts,
        );
        const through = await load(
          `${c.name} c=${concurrency}: via BFF`,
          () => fetch(stack.consoleOrigin + c.viaBff, { headers: bff }),
          opts,
        );
        for (const r of [direct, through]) rows.push(row(r));
        const addP50 = through.p50 - direct.p50;
        const addP99 = through.p99 - direct.p99;
        deltas.push([
          `${c.name} c=${concurrency}`,
          addP50,
          addP50 <= TARGET_P50_MS ? "ok" : "MISS",
          addP99,
          addP99 <= TARGET_P99_MS ? "ok" : "MISS",
          `${(through.rps / direct.rps).toFixed(2)}x`,
        ]);
      }
    // Two console processes on one Postgres behind the round-robin proxy (one hop more than the
    // single console), at concurrency 10: what a second process buys on this machine.
    if (stack.pair) {
      const pair = stack.pair;
      const pairHeaders = { cookie: pair.cookieHeader };
      for (const c of cases) {
        const opts = { concurrency: 10, maxRequests: REQUESTS, maxSeconds: SECONDS };
        await load("warm", () => fetch(pair.origin + c.viaBff, { headers: pairHeaders }), { ...opts, maxRequests: 100 });
        const direct = await load(`${c.name} c=10: upstream`, () => fetch(stack.sandboxOrigin + c.direct, { headers: upstream }), opts);
        const through = await load(
          `${c.name} c=10: 2 consoles via proxy`,
          () => fetch(pair.origin + c.viaBff, { headers: pairHeaders }),
          opts,
        );
        for (const r of [direct, through]) rows.push(row(r));
        deltas.push([
          `${c.name} c=10, 2 processes`,
          through.p50 - direct.p50,
          "",
          through.p99 - direct.p99,
          "",
          `${(through.rps / direct.rps).toFixed(2)}x`,
        ]);
      }
    }
    // Floor: the same BFF route without a session answers 401 before any upstream call; what it
    // costs is Next's own routing + the proxy + the wrapper, which splits the overhead in two.
    const floor = await load("workflow list c=1: BFF, no session (401)", () => fetch(`${stack.consoleOrigin}/api/workflows`), {
      concurrency: 1,
      maxRequests: REQUESTS,
      maxSeconds: SECONDS,
    });
    rows.push([...row(floor).slice(0, 2), "all 401", ...row(floor).slice(3)]);
    console.log(
      `\nclosed loop, concurrency ${CONCURRENCIES.join(" and ")}, ≤${REQUESTS} requests or ≤${SECONDS} s per row; latency in ms to end of body`,
    );
    printTable(["request", "n", "errors", "p50", "p95", "p99", "req/s"], rows);
    console.log("");
    printTable([`added by BFF`, "p50 ms", `≤${TARGET_P50_MS}`, "p99 ms", `≤${TARGET_P99_MS}`, "throughput BFF/upstream"], deltas);
  } finally {
    await stack.stop();
  }
}

function row(r: LoadResult): Array<string | number> {
  return [r.label, r.requests, r.errors, r.p50, r.p95, r.p99, r.rps];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
