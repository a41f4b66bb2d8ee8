import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BFF_ROUTES } from "../../e2e/support/bff-routes";

const API_ROOT = path.resolve(import.meta.dirname, "..", "..", "app", "api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** Every route.ts under app/api, relative to it. */
function routeFiles(dir = API_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [path.relative(API_ROOT, full).split(path.sep).join("/")] : [];
  });
}

/** HTTP methods a route file exports (`export const GET`, `export async function GET`, `export { GET } from`). */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|(?:async\s+)?function)\s+([A-Z]+)\b/g)) found.add(m[1] ?? "");
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of (m[1] ?? "").split(",")) {
      const name =
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()
          ?.trim() ?? "";
      found.add(name);
    }
  }
  return [...found].filter((name) => METHODS.includes(name)).sort();
}

/** `workflows/[id]/route.ts` → `/api/workflows/:id`. */
function templateOf(file: string): string {
  return `/api/${file.replace(/\/?route\.ts$/, "")}`.replace(/\[([A-Za-z]+)\]/g, ":$1").replace(/\/$/, "");
}

/** Whether the row is the /api catch-all (its path keeps the bracket form). */
function isFallback(file: string): boolean {
  return file === "[...path]/route.ts";
}

describe("BFF route inventory (e2e/support/bff-routes.ts)", () => {
  const onDisk = routeFiles().flatMap((file) =>
    exportedMethods(readFileSync(path.join(API_ROOT, file), "utf8")).map((method) => `${method} ${file}`),
  );

  it("lists exactly the route files and exported methods of app/api", () => {
    const listed = BFF_ROUTES.map((r) => `${r.method} ${r.file}`);
    expect(onDisk.length).toBeGreaterThan(30);
    expect(new Set(listed).size, "a (method, file) pair is listed twice").toBe(listed.length);
    expect([...listed].sort()).toEqual([...onDisk].sort());
  });

  it("gives each row the path template of its file (Auth.js's catch-all excepted)", () => {
    for (const row of BFF_ROUTES) {
      if (row.access.kind === "authjs") {
        expect(row.path.startsWith("/api/auth/")).toBe(true);
        continue;
      }
      expect(row.path, `${row.method} ${row.file}`).toBe(isFallback(row.file) ? "/api/[...path]" : templateOf(row.file));
    }
  });

  // The bulk-job preview is a POST only because a selection can name up to 200 runs; it stores nothing.
  it("marks every non-GET route as mutating except the three that write nothing", () => {
    const readOnlyPosts = BFF_ROUTES.filter((r) => r.method !== "GET" && !r.mutates && r.file !== "[...path]/route.ts").map((r) => r.path);
    expect(readOnlyPosts.sort()).toEqual([
      "/api/integrations/:integrationId/bundle/read",
      "/api/integrations/:integrationId/config/validate",
      "/api/jobs/preview",
    ]);
    expect(BFF_ROUTES.filter((r) => r.method === "GET" && r.mutates)).toEqual([]);
  });

  it("reads methods from the three export styles", () => {
    expect(exportedMethods("export const GET = x;\nexport async function POST() {}\nexport { PUT, x as DELETE } from 'y';")).toEqual([
      "DELETE",
      "GET",
      "POST",
      "PUT",
    ]);
  });
});
