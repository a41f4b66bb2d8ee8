import { Buffer } from "node:buffer";
import yazl from "yazl";
import { describe, expect, it } from "vitest";
import { bodyFromBundleFiles } from "@/lib/integrations/bundle";
import { unzipTextFiles, ZipLimitError, zipTextFiles } from "@/lib/integrations/zip";
import { MAX_BUNDLE_INFLATED_BYTES, MAX_JSON_DEPTH } from "@/lib/schemas/limits";

/** A zip of the given entries; `store` skips compression (ratio 1). */
function zipOf(entries: Array<{ name: string; data: Buffer }>, store = false): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name, { compress: !store });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

describe("bundle zip inflation limits", () => {
  it("refuses a zip bomb (10 MB of spaces per entry) from its headers, before inflating", async () => {
    const spaces = Buffer.alloc(10 * 1024 * 1024, 0x20);
    const bomb = await zipOf(Array.from({ length: 3 }, (_, i) => ({ name: `f${i}.json`, data: spaces })));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = used();
    const error: unknown = await unzipTextFiles(bomb).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZipLimitError);
    expect((error as Error).message).toMatch(/times its zipped size/);
    // Nothing was inflated: the heap did not grow by anything like one 10 MB entry.
    expect(used() - before).toBeLessThan(5 * 1024 * 1024);
  });

  it("refuses files that together would inflate past the total cap, even at ratio 1", async () => {
    const chunk = Buffer.alloc(2 * 1024 * 1024, 0x61);
    const count = Math.floor(MAX_BUNDLE_INFLATED_BYTES / chunk.length) + 1;
    const zip = await zipOf(
      Array.from({ length: count }, (_, i) => ({ name: `f${i}.txt`, data: chunk })),
      true,
    );
    await expect(unzipTextFiles(zip)).rejects.toThrow(ZipLimitError);
    await expect(unzipTextFiles(zip)).rejects.toThrow(/more than 16 MB/);
  });

  it("refuses more than 50 entries, directories included", async () => {
    const zip = await zipOf(Array.from({ length: 51 }, (_, i) => ({ name: `f${i}.json`, data: Buffer.from("{}") })));
    await expect(unzipTextFiles(zip)).rejects.toThrow(/more than 50 files/);
  });

  it("still reads a real bundle, and small files however well they compress", async () => {
    const files = await unzipTextFiles(
      await zipTextFiles({ "mapping.json": "{}", "rules.json": "[]", "corpus.json": " ".repeat(60 * 1024) + "[]" }),
    );
    expect(Object.keys(files).sort()).toEqual(["corpus.json", "mapping.json", "rules.json"]);
  });

  it("reports a file nested past the JSON limit as a problem of that file, whatever the depth", () => {
    const deep = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
    for (const depth of [MAX_JSON_DEPTH, 1_000, 50_000]) {
      const result = bodyFromBundleFiles({ "mapping.json": deep(depth), "rules.json": "[]", "corpus.json": "[]" });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems).toEqual([{ file: "mapping.json", problem: expect.stringMatching(/nests deeper than/) }]);
    }
    const fits = bodyFromBundleFiles({
      "mapping.json": "{}",
      "rules.json": "[]",
      "corpus.json": JSON.stringify([{ name: "c", input: JSON.parse(deep(10)) }]),
    });
    expect(fits.ok || fits.problems.every((p) => !/nests deeper/.test(p.problem))).toBe(true);
  });
});
