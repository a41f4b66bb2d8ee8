import { describe, expect, it } from "vitest";
import { ALLOW_INTERNAL_ENV, allowInternalWebhooks, internalRange, refusalMessage, savedUrlRefusal } from "./destination";

describe("internal address classifier", () => {
  it("refuses every internal IPv4 range and allows public unicast", () => {
    const internal: Record<string, string> = {
      "127.0.0.1": "loopback",
      "127.255.255.254": "loopback",
      "0.0.0.0": "unspecified",
      "0.1.2.3": "unspecified",
      "10.0.0.1": "private",
      "172.16.0.1": "private",
      "172.31.255.255": "private",
      "192.168.1.1": "private",
      "169.254.169.254": "linkLocal",
      "100.64.0.1": "carrierGradeNat",
      "100.127.255.255": "carrierGradeNat",
      "224.0.0.1": "multicast",
      "255.255.255.255": "broadcast",
      "240.0.0.1": "reserved",
      "192.0.2.10": "reserved",
      "198.18.0.1": "reserved",
    };
    for (const [ip, range] of Object.entries(internal)) expect(internalRange(ip), ip).toBe(range);
    for (const ip of ["8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "192.169.0.1", "11.0.0.1"])
      expect(internalRange(ip), ip).toBeNull();
  });

  it("refuses internal IPv6 ranges, with or without brackets and zone", () => {
    const internal: Record<string, string> = {
      "::1": "loopback",
      "[::1]": "loopback",
      "::": "unspecified",
      "fe80::1": "linkLocal",
      "fe80::1%eth0": "linkLocal",
      "febf::1": "linkLocal",
      "fc00::1": "uniqueLocal",
      "fd12:3456:789a::1": "uniqueLocal",
      "ff02::1": "multicast",
      "fec0::1": "deprecatedSiteLocal",
      "2001:db8::1": "reserved",
      "64:ff9b:1::1": "rfc6052",
    };
    for (const [ip, range] of Object.entries(internal)) expect(internalRange(ip), ip).toBe(range);
    for (const ip of ["2606:4700:4700::1111", "[2001:4860:4860::8888]", "2a00:1450:4001:80b::200e"])
      expect(internalRange(ip), ip).toBeNull();
  });

  it("judges IPv6 forms that carry an IPv4 address by that address", () => {
    expect(internalRange("::ffff:127.0.0.1")).toBe("loopback");
    expect(internalRange("::ffff:7f00:1")).toBe("loopback");
    expect(internalRange("::ffff:a9fe:a9fe")).toBe("linkLocal");
    expect(internalRange("::ffff:10.1.2.3")).toBe("private");
    expect(internalRange("::ffff:0.0.0.0")).toBe("unspecified");
    expect(internalRange("::ffff:0:192.168.0.1")).toBe("private"); // RFC 6145
    expect(internalRange("64:ff9b::127.0.0.1")).toBe("loopback"); // NAT64 well-known prefix
    expect(internalRange("2002:a9fe:a9fe::1")).toBe("linkLocal"); // 6to4 of 169.254.169.254
    expect(internalRange("::127.0.0.1")).toBe("ipv4Compatible");
    expect(internalRange("::8.8.8.8")).toBe("ipv4Compatible");
    // the same forms around a public address are public
    expect(internalRange("::ffff:8.8.8.8")).toBeNull();
    expect(internalRange("64:ff9b::8.8.8.8")).toBeNull();
    expect(internalRange("2002:0808:0808::1")).toBeNull();
  });

  it("treats anything that is not a canonical address as not public", () => {
    for (const s of ["", "localhost", "example.com", "127.1", "2130706433", "0x7f000001", "1.2.3.4.5", "::g"])
      expect(internalRange(s), s).not.toBeNull();
  });
});

describe("saving a webhook URL", () => {
  it("refuses localhost and internal literals, in every form the URL parser turns into one", () => {
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "http://127.1/",
      "http://2130706433/",
      "http://0x7f.0.0.1/",
      "http://017700000001/",
      "http://0/",
      "http://0.0.0.0:9000/",
      "https://169.254.169.254/latest/meta-data/",
      "http://10.0.0.5/",
      "http://172.20.1.1/",
      "http://192.168.0.10/",
      "http://100.100.100.200/",
      "http://[::1]:3000/",
      "http://[::ffff:127.0.0.1]/",
      "http://[::ffff:a9fe:a9fe]/",
      "http://[fd00::1]/",
      "http://[fe80::1]/",
      "http://localhost:3000/",
      "http://LOCALHOST./",
      "http://api.localhost/",
    ]) {
      const refusal = savedUrlRefusal(url, false);
      expect(refusal, url).toContain("internal address");
      expect(refusal, url).toContain(ALLOW_INTERNAL_ENV);
    }
    expect(savedUrlRefusal("http://2130706433/", false)).toContain("(127.0.0.1)");
  });

  it("accepts public hosts and names (names are checked when a message is sent), and everything when allowed", () => {
    for (const url of [
      "https://hooks.example.com/x",
      "http://8.8.8.8/",
      "https://[2606:4700:4700::1111]/",
      "http://localhost.example.com/",
    ])
      expect(savedUrlRefusal(url, false), url).toBeNull();
    expect(savedUrlRefusal("http://127.0.0.1/", true)).toBeNull();
    expect(savedUrlRefusal("http://localhost/", true)).toBeNull();
  });

  it("reads the operator switch", () => {
    expect(allowInternalWebhooks({})).toBe(false);
    expect(allowInternalWebhooks({ [ALLOW_INTERNAL_ENV]: "0" })).toBe(false);
    expect(allowInternalWebhooks({ [ALLOW_INTERNAL_ENV]: "" })).toBe(false);
    expect(allowInternalWebhooks({ [ALLOW_INTERNAL_ENV]: "1" })).toBe(true);
    expect(allowInternalWebhooks({ [ALLOW_INTERNAL_ENV]: " TRUE " })).toBe(true);
    expect(allowInternalWebhooks({ [ALLOW_INTERNAL_ENV]: "yes" })).toBe(true);
  });

  it("names the host, never a resolved address, and keeps the hint on long hosts", () => {
    expect(refusalMessage("intranet.corp", false)).toBe(
      `refused: intranet.corp resolves to an internal address (set ${ALLOW_INTERNAL_ENV}=1 to allow)`,
    );
    expect(refusalMessage("10.0.0.1", true)).toBe(`refused: 10.0.0.1 is an internal address (set ${ALLOW_INTERNAL_ENV}=1 to allow)`);
    const long = refusalMessage(`${"a".repeat(250)}.example`, false);
    expect(long.length).toBeLessThan(200);
    expect(long).toContain(`${ALLOW_INTERNAL_ENV}=1`);
  });
});
