// Runs every benchmark one after the other (never in parallel: the machine is shared), each in its
// own process so it starts and stops its own servers. `npm run bench [-- name …]` runs a subset.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
// startup is last: it clones the repo and runs npm ci + a production build (minutes).
const all = [
  "bff-overhead",
  "bff-profile",
  "cross-workflow-executions",
  "failure-groups",
  "page-weight",
  "big-history",
  "diagram-render",
  "mermaid-floor",
  "startup",
];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(", ")} (known: ${all.join(", ")})`);
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length > 0 ? wanted : all) {
  console.log(`\n=== bench/${name}.ts ===`);
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const result = spawnSync(tsx, [path.join("bench", `${name}.ts`)], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    failed++;
    console.error(`bench/${name}.ts exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
