#!/usr/bin/env node
// Completes the deployable build after `next build` (run by `npm run build`, `npm start`, `npm test`
// and the e2e global setup): Next writes .next/standalone/server.js with the server code and the
// node_modules files it traced, but leaves the browser assets out. This copies `.next/static` and
// `public/` beside server.js, so `.next/standalone` is a folder that runs alone:
//   node .next/standalone/server.js
// Idempotent: the copies are replaced each time.
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Copies the static assets into the standalone folder; returns the path of its server.js. */
export function prepareStandalone(projectRoot = root) {
  const standalone = path.join(projectRoot, ".next", "standalone");
  const server = path.join(standalone, "server.js");
  if (!existsSync(server)) throw new Error(`${server} is missing: run \`next build\` first (next.config.mjs sets output: "standalone")`);
  const copies = [
    [path.join(projectRoot, ".next", "static"), path.join(standalone, ".next", "static")],
    [path.join(projectRoot, "public"), path.join(standalone, "public")],
  ];
  for (const [from, to] of copies) {
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }
  return server;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = prepareStandalone();
  console.log(`standalone build ready: node ${path.relative(process.cwd(), server)}`);
}
