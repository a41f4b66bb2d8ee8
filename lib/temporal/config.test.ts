import { describe, expect, it } from "vitest";
import { belongsToTenant, readTemporalConfig, TEMPORAL_NOT_CONFIGURED } from "./config";

describe("readTemporalConfig", () => {
  it("is optional: without TEMPORAL_ADDRESS it names what is missing", () => {
    expect(readTemporalConfig({})).toEqual({ ok: false, reason: TEMPORAL_NOT_CONFIGURED });
    expect(TEMPORAL_NOT_CONFIGURED).toContain("TEMPORAL_ADDRESS");
  });

  it("reads a plain loopback dev server with the default namespace", () => {
    expect(readTemporalConfig({ TEMPORAL_ADDRESS: "127.0.0.1:7233" })).toEqual({
      ok: true,
      config: { address: "127.0.0.1:7233", namespace: "default", tls: null, apiKey: null },
    });
  });

  it("reads mTLS certificate paths, and refuses half of a pair", () => {
    const r = readTemporalConfig({
      TEMPORAL_ADDRESS: "ns.acct.tmprl.cloud:7233",
      TEMPORAL_NAMESPACE: "ns.acct",
      TEMPORAL_TLS_CERT: "/c.pem",
      TEMPORAL_TLS_KEY: "/k.pem",
    });
    expect(r).toEqual({
      ok: true,
      config: {
        address: "ns.acct.tmprl.cloud:7233",
        namespace: "ns.acct",
        tls: { kind: "mtls", certPath: "/c.pem", keyPath: "/k.pem" },
        apiKey: null,
      },
    });
    expect(readTemporalConfig({ TEMPORAL_ADDRESS: "h:7233", TEMPORAL_TLS_CERT: "/c.pem" })).toMatchObject({ ok: false });
  });

  it("sends an API key over TLS only", () => {
    expect(readTemporalConfig({ TEMPORAL_ADDRESS: "h:7233", TEMPORAL_API_KEY: "k" })).toMatchObject({
      ok: true,
      config: { tls: { kind: "system" }, apiKey: "k" },
    });
  });

  it("refuses an address that is not host:port", () => {
    expect(readTemporalConfig({ TEMPORAL_ADDRESS: "http://h:7233/x" })).toMatchObject({ ok: false });
  });
});

describe("belongsToTenant", () => {
  it("accepts only the session tenant's wf/<tenant>/ prefix", () => {
    expect(belongsToTenant("wf/t-1/delivery-eta-notice/e1", "t-1")).toBe(true);
    expect(belongsToTenant("wf/t-10/delivery-eta-notice/e1", "t-1")).toBe(false);
    expect(belongsToTenant("wf/t-2/x/e1", "t-1")).toBe(false);
    expect(belongsToTenant("other/t-1/x", "t-1")).toBe(false);
    expect(belongsToTenant("wf//x", "")).toBe(false);
    expect(belongsToTenant("wf/a/b/x", "a/b")).toBe(false);
  });
});
