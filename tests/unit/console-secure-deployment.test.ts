import { afterEach, describe, expect, it } from "vitest";
import { isSecureDeployment, sessionCookieName } from "@/lib/auth/settings";

// isSecureDeployment() decides the session cookie's Secure flag and __Secure- name. It reads
// AUTH_URL (the public URL Auth.js also uses): NODE_ENV alone must not decide, because the e2e and
// `npm start` consoles run production builds over plain http on loopback, where a Secure cookie
// would be refused by non-loopback-aware clients and the __Secure- prefix would be invalid.
const saved = process.env.AUTH_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.AUTH_URL;
  else process.env.AUTH_URL = saved;
});

describe("isSecureDeployment", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["http://127.0.0.1:3000", false],
    ["http://console.example", false],
    ["https://console.example", true],
    ["https://127.0.0.1:8443/", true],
  ])("AUTH_URL=%s → secure %s", (value, secure) => {
    if (value === undefined) delete process.env.AUTH_URL;
    else process.env.AUTH_URL = value;
    expect(isSecureDeployment()).toBe(secure);
    expect(sessionCookieName()).toBe(secure ? "__Secure-pegasus.session" : "pegasus.session");
  });

  it("does not switch on NODE_ENV=production over plain http", () => {
    process.env.AUTH_URL = "http://127.0.0.1:3000";
    const env = process.env as Record<string, string | undefined>;
    const before = env.NODE_ENV;
    env.NODE_ENV = "production";
    try {
      expect(isSecureDeployment()).toBe(false);
    } finally {
      env.NODE_ENV = before;
    }
  });
});
