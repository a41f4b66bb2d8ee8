// Issue #13: a large history takes the upstream longer than an ordinary call; the history read
// gets its own, longer budget instead of failing three times with 504 at the default one.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

vi.mock("server-only", () => ({}));

const { createPegasusClient } = await import("@/lib/pegasus/transport");
const { readServerEnv } = await import("@/lib/env");

/** An upstream that answers after `delayMs` (or aborts with the caller's signal). */
function slowFetch(delayMs: number) {
  let calls = 0;
  const fn = (_input: string | URL | Request, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      calls += 1;
      const timer = setTimeout(() => resolve(Response.json({ data: { events: [] } })), delayMs);
      init?.signal?.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(new DOMException("aborted", "AbortError"));
      });
    });
  return { fetch: fn as unknown as typeof fetch, calls: () => calls };
}

const schema = z.object({ data: z.object({ events: z.array(z.unknown()) }) });

describe("per-request budget", () => {
  it("a slow history read succeeds within its own budget where the default budget times out", async () => {
    const slow = slowFetch(300);
    const c = createPegasusClient({ baseUrl: "http://upstream.test/api/v1", timeoutMs: 100, fetch: slow.fetch, retryBackoffMs: 1 });
    await expect(c.request({ path: "/h", schema })).rejects.toMatchObject({ status: 504, code: "UPSTREAM_TIMEOUT" });
    const slow2 = slowFetch(300);
    const c2 = createPegasusClient({ baseUrl: "http://upstream.test/api/v1", timeoutMs: 100, fetch: slow2.fetch, retryBackoffMs: 1 });
    await expect(c2.request({ path: "/h", schema, timeoutMs: 2_000 })).resolves.toEqual({ data: { events: [] } });
    expect(slow2.calls()).toBe(1);
  });

  it("the history budget defaults to 60 s, follows PEGASUS_HISTORY_TIMEOUT_MS and is never below the call budget", () => {
    expect(readServerEnv({ NODE_ENV: "test" }).historyTimeoutMs).toBe(60_000);
    expect(readServerEnv({ NODE_ENV: "test", PEGASUS_HISTORY_TIMEOUT_MS: "90000" }).historyTimeoutMs).toBe(90_000);
    expect(readServerEnv({ NODE_ENV: "test", PEGASUS_HISTORY_TIMEOUT_MS: "1000", PEGASUS_API_TIMEOUT_MS: "5000" }).historyTimeoutMs).toBe(
      5_000,
    );
    expect(readServerEnv({ NODE_ENV: "test", PEGASUS_HISTORY_TIMEOUT_MS: "nonsense" }).historyTimeoutMs).toBe(60_000);
  });
});
