import { describe, expect, it } from "vitest";
import { checkRunInputSize, PAYLOAD_MAX_BYTES, PAYLOAD_WARN_BYTES } from "./payload-limits";

// {"a":"…"} is 8 bytes of JSON around the string
const ofSize = (bytes: number) => ({ a: "x".repeat(bytes - 8) });

describe("checkRunInputSize", () => {
  it("passes up to 256 KB, warns above, refuses above 2 MB", () => {
    expect(checkRunInputSize(ofSize(PAYLOAD_WARN_BYTES))).toMatchObject({ level: "ok", bytes: PAYLOAD_WARN_BYTES, message: null });
    expect(checkRunInputSize(ofSize(PAYLOAD_WARN_BYTES + 1))).toMatchObject({ level: "warn" });
    expect(checkRunInputSize(ofSize(600 * 1024)).message).toContain("600 KB");
    expect(checkRunInputSize(ofSize(PAYLOAD_MAX_BYTES))).toMatchObject({ level: "warn" });
    const refused = checkRunInputSize(ofSize(PAYLOAD_MAX_BYTES + 1));
    expect(refused.level).toBe("refuse");
    expect(refused.message).toContain("2 MB");
  });

  it("counts UTF-8 bytes, not characters", () => {
    expect(checkRunInputSize({ a: "é" }).bytes).toBe(10);
  });
});
