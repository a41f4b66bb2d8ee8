import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { freePort, startConsoleServer, stopChild, waitUntil } from "./support/processes";
import { storageStatePath } from "./support/roles";

// Failure-alert webhooks to internal addresses (the follow-up of issue 17): the shared e2e consoles
// allow them (alerts.spec.ts's receiver is on 127.0.0.1), so this spec starts one more console
// WITHOUT ALERT_WEBHOOK_ALLOW_INTERNAL, on its own throw-away store. There a tenant admin cannot
// save a webhook at localhost or an internal address literal, in the card or through the BFF;
// nothing is stored and nothing reaches a receiver on loopback. (Names that resolve to internal
// addresses are refused when a message is sent: lib/alerts/refusal.test.ts.)

test.use({ storageState: storageStatePath("admin") });
test.describe.configure({ mode: "serial" });

let consoleServer: ChildProcess | undefined;
let origin = "";
let storeDir = "";
let receiver: Server;
let receiverPort = 0;
let hits = 0;

test.beforeAll(async () => {
  const sandboxOrigin = process.env.E2E_SANDBOX_ORIGIN;
  if (!sandboxOrigin) throw new Error("the e2e global setup did not export the sandbox origin");
  receiver = createServer((_req, res) => {
    hits++;
    res.statusCode = 204;
    res.end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", () => resolve()));
  receiverPort = (receiver.address() as AddressInfo).port;
  storeDir = mkdtempSync(path.join(os.tmpdir(), "alert-destinations-store-"));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PEGASUS_API_BASE_URL: `${sandboxOrigin}/api/v1`,
    PEGASUS_OIDC_ISSUER: `${sandboxOrigin}/oidc`,
    PEGASUS_EMBEDDED_SANDBOX: "1",
    CONSOLE_STORE_DIR: storeDir,
    ALERT_WEBHOOK_ALLOW_INTERNAL: "0",
  };
  delete env.DATABASE_URL;
  // Session cookies are per host, not port, and every console here shares the session secret.
  consoleServer = startConsoleServer("alert-destinations-console", port, env);
  await waitUntil(
    "alert-destinations console",
    async () => [200, 503].includes((await fetch(`${origin}/api/health`)).status),
    60_000,
    consoleServer,
  );
});

test.afterAll(async () => {
  if (consoleServer) await stopChild(consoleServer);
  if (storeDir) rmSync(storeDir, { recursive: true, force: true });
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function call(
  page: Page,
  method: string,
  body?: unknown,
): Promise<{ status: number; code?: string; message?: string; data?: unknown }> {
  return page.evaluate(
    async ([m, b]) => {
      const res = await fetch("/api/alerts/webhook", {
        method: m,
        headers: { "content-type": "application/json" },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      const json = (await res.json()) as { data?: unknown; error?: { code: string; message: string } };
      return { status: res.status, code: json.error?.code, message: json.error?.message, data: json.data };
    },
    [method, body] as const,
  );
}

test("the BFF refuses localhost and internal address literals with a clear 400 and stores nothing", async ({ page }) => {
  await page.goto(`${origin}/executions`);
  for (const url of [
    `http://127.0.0.1:${receiverPort}/hook`,
    `http://localhost:${receiverPort}/hook`,
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.8/hook",
    "http://[::1]/hook",
    "http://[::ffff:192.168.1.1]/hook",
    "http://2130706433/hook",
  ]) {
    const res = await call(page, "PUT", { url });
    expect(res.status, url).toBe(400);
    expect(res.code, url).toBe("VALIDATION_ERROR");
    expect(res.message, url).toContain("internal address");
    expect(res.message, url).toContain("ALERT_WEBHOOK_ALLOW_INTERNAL=1");
  }
  expect((await call(page, "GET")).data).toMatchObject({ webhook: null });
  // a public host is accepted (its addresses are checked when a message is sent), then removed
  expect((await call(page, "PUT", { url: "https://hooks.example.com/pegasus" })).status).toBe(200);
  expect((await call(page, "DELETE")).status).toBe(200);
  expect(hits).toBe(0);
});

test("the card shows the refusal and keeps alerts off", async ({ page }) => {
  await page.goto(`${origin}/executions/attention`);
  const card = page.getByTestId("alert-settings");
  await card.getByLabel("Webhook URL").fill(`http://127.0.0.1:${receiverPort}/hook`);
  await card.getByRole("button", { name: "Turn on alerts" }).click();
  await expect(card.getByRole("alert")).toContainText("points at an internal address (127.0.0.1)");
  await expect(card.getByRole("alert")).toContainText("ALERT_WEBHOOK_ALLOW_INTERNAL=1");
  await expect(card.getByTestId("alert-webhook-url")).toHaveCount(0);
  expect((await call(page, "GET")).data).toMatchObject({ webhook: null });
  expect(hits).toBe(0);
});
