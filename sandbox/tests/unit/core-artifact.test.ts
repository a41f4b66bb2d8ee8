import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { validateArtifact } from "../../server/lib/artifact-validate";
import { buildZip, sdkProjectZip } from "../support/zips";

describe("artifact validation", () => {
  it("accepts an SDK-shaped zip and records sha256 and size", async () => {
    const zip = await sdkProjectZip("hello");
    const r = validateArtifact(zip, ["hello.workflow:Main"]);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.sha256).toBe(createHash("sha256").update(zip).digest("hex"));
    expect(r.sizeBytes).toBe(zip.length);
  });

  it("resolves package entry points through __init__.py", async () => {
    const zip = await buildZip({ "pkg/sub/__init__.py": "class X: pass\n" });
    expect(validateArtifact(zip, ["pkg.sub:X"]).ok).toBe(true);
  });

  it("reports unresolved and malformed entry points", async () => {
    const zip = await sdkProjectZip("hello");
    const r = validateArtifact(zip, ["hello.missing:Main", "not an entry point"]);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/does not resolve/);
    expect(r.problems[1]).toMatch(/must look like/);
  });

  it("rejects dependency files anywhere", async () => {
    for (const dep of ["requirements.txt", "hello/setup.py", "setup.cfg", "pyproject.toml", "Pipfile", "Pipfile.lock"]) {
      const zip = await sdkProjectZip("hello", { [dep]: "x" });
      const r = validateArtifact(zip, ["hello.workflow:Main"]);
      expect(r.problems.join("\n"), dep).toMatch(/dependency file/);
    }
  });

  it("rejects .. and absolute paths", async () => {
    // yazl refuses such names, so patch a valid zip's names in place (same length).
    const zip = await buildZip({ "aa/x.py": "1", "bbbbbb.py": "2", "hello/workflow.py": "3" });
    const patched = Buffer.from(zip.toString("latin1").replaceAll("aa/x.py", "../x.py").replaceAll("bbbbbb.py", "/etc/p.py"), "latin1");
    const r = validateArtifact(patched, ["hello.workflow:Main"]);
    expect(r.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/unsafe path.*\.\.\/x\.py/), expect.stringMatching(/unsafe path.*\/etc\/p\.py/)]),
    );
  });

  it("rejects zip64, corrupt data and too many entries", async () => {
    const z64 = await buildZip({ "hello/workflow.py": "x" }, { forceZip64: true });
    expect(validateArtifact(z64, ["hello.workflow:Main"]).problems.join()).toMatch(/zip64/);
    expect(validateArtifact(Buffer.from("definitely not a zip file at all, sorry"), ["a:B"]).problems.join()).toMatch(/central directory/);
    const good = await sdkProjectZip("hello");
    expect(validateArtifact(good.subarray(0, good.length - 30), ["hello.workflow:Main"]).ok).toBe(false);
    // An end-of-central-directory record announcing 10,001 entries (building them with yazl is slow).
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(10_001, 8);
    eocd.writeUInt16LE(10_001, 10);
    expect(validateArtifact(eocd, []).problems.join()).toMatch(/10001 entries/);
  });
});
