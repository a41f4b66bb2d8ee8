/** Build artifact zips in memory for tests (yazl), plus hand-made broken ones. */
import yazl from "yazl";

export interface ZipOptions {
  forceZip64?: boolean;
}

/** A zip holding `files` (name → content). */
export function buildZip(files: Record<string, string | Buffer>, opts: ZipOptions = {}): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) {
    zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name, { forceZip64Format: opts.forceZip64 ?? false });
  }
  zip.end({ forceZip64Format: opts.forceZip64 ?? false });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

/** A valid SDK-shaped project zip for workflow `name` with one entry point `<pkg>.workflow:Main`. */
export function sdkProjectZip(pkg: string, extra: Record<string, string> = {}): Promise<Buffer> {
  return buildZip({
    [`${pkg}/__init__.py`]: "",
    [`${pkg}/workflow.py`]: "class Main:\n    pass\n",
    [`${pkg}/workflow.mmd`]: "flowchart TD\n  A --> B\n",
    "pegasus-workflows.toml": `[[workflow]]\nname = "${pkg}"\nversion = "0.1.0"\n`,
    ...extra,
  });
}
