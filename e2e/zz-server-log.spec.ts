import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { readConsoleStdout } from "./support/server-log";
import { SESSION_COOKIE, storageStatePath } from "./support/roles";

// The console's server log is for machines: every line every console process of this run printed
// on stdout (e2e/support/server-log.ts records them; Next's start-up banner aside) is one JSON object, BFF requests
// are logged with their route, status, duration and request id, and no line holds a secret marker of
// the leak spec (LEAKMARK-…), a JWT or a session cookie value. The file name starts with "zz" so that,
// with one worker running files in name order, this check reads the log of the whole run.

test.use({ storageState: storageStatePath("admin") });

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;

/** Session cookie values of the signed-in roles (storage states written by the global setup). */
function sessionCookieValues(): string[] {
  const values: string[] = [];
  for (const role of ["admin", "developer", "viewer"] as const) {
    const state = JSON.parse(readFileSync(storageStatePath(role), "utf8")) as { cookies: Array<{ name: string; value: string }> };
    for (const cookie of state.cookies) if (cookie.name.endsWith(SESSION_COOKIE) && cookie.value.length >= 40) values.push(cookie.value);
  }
  return values;
}

test("every console stdout line is one JSON object with no secret, token or cookie in it", async ({ page }) => {
  // This test's own traffic: a read, a refused input and a route that fails upstream, so the log has
  // request lines of each kind even when this file runs alone.
  expect((await page.request.get("/api/workflows")).status()).toBe(200);
  expect((await page.request.get("/api/workflows/not-a-uuid")).status()).toBeGreaterThanOrEqual(400);
  expect((await page.request.get("/api/workflows/00000000-0000-4000-8000-000000000000")).status()).toBe(404);

  const cookies = sessionCookieValues();
  expect(cookies.length, "the signed-in roles' session cookies were found").toBeGreaterThan(0);
  // Lines are appended as the console writes them: poll until this test's own requests are in.
  let files = readConsoleStdout();
  await expect
    .poll(() => {
      files = readConsoleStdout();
      return files.flatMap((f) => f.lines).filter((line) => line.includes('"route":"/api/workflows/:id"')).length;
    })
    .toBeGreaterThanOrEqual(2);

  const processes = Number(process.env.E2E_CONSOLE_PROCESS_COUNT ?? "1");
  let requestLines = 0;
  for (const { file, lines } of files) {
    for (const [i, line] of lines.entries()) {
      const where = `${file} line ${i + 1}`;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`${where} is not JSON: ${line.slice(0, 200)}`);
      }
      expect(typeof parsed === "object" && parsed !== null && !Array.isArray(parsed), `${where} is a JSON object`).toBe(true);
      expect(line.includes("LEAKMARK-"), `${where} holds a leak-spec secret marker`).toBe(false);
      expect(JWT.test(line), `${where} holds a JWT`).toBe(false);
      for (const cookie of cookies) expect(line.includes(cookie.slice(0, 40)), `${where} holds a session cookie`).toBe(false);
      const entry = parsed as Record<string, unknown>;
      if (entry.msg === "bff request") {
        requestLines++;
        expect(
          typeof entry.route === "string" &&
            typeof entry.status === "number" &&
            typeof entry.ms === "number" &&
            typeof entry.requestId === "string",
          `${where} has route, status, ms and requestId`,
        ).toBe(true);
      }
    }
  }
  expect(requestLines, "BFF request lines were logged").toBeGreaterThanOrEqual(3);

  // With several processes behind the round-robin proxy, each one served BFF requests of the run.
  if (processes > 1) {
    const main = files.filter((f) => /^console-\d+\.stdout$/.test(f.file));
    expect(main.length, "one recorded stdout per console process").toBe(processes);
    for (const f of main)
      expect(f.lines.filter((line) => line.includes('"msg":"bff request"')).length, `${f.file} served BFF requests`).toBeGreaterThan(0);
  }
});
