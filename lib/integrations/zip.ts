import { Buffer } from "node:buffer";
import yauzl from "yauzl";
import yazl from "yazl";
import { formatBytes, MAX_BUNDLE_INFLATED_BYTES, MAX_BUNDLE_INFLATE_RATIO } from "@/lib/schemas/limits";

// The zipped-size limit (MAX_BUNDLE_ZIP_BYTES) is checked by the caller before unzipping.
const MAX_ENTRIES = 50;
/** Entries smaller than this are exempt from the ratio check: tiny files compress oddly and cannot hurt. */
const RATIO_EXEMPT_BYTES = 64 * 1024;

/** A bundle refused for its size or inflation (a 413 for the caller), as opposed to an unreadable archive. */
export class ZipLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipLimitError";
  }
}

/** Zips files (name → UTF-8 text) at the archive root, deterministic order and timestamps. */
export function zipTextFiles(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date("2000-01-01T00:00:00Z");
  for (const name of Object.keys(files).sort()) zip.addBuffer(Buffer.from(files[name] ?? "", "utf8"), name, { mtime, mode: 0o100644 });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * Reads every regular file of a zip as UTF-8 text; rejects with a readable message on a bad archive.
 * Bounded before and during inflation: first the central directory alone is read and the declared
 * sizes are checked (entry count, total inflated size, inflate ratio per entry); then entries are
 * inflated one at a time while the real bytes are counted, and the stream is stopped the moment the
 * total passes the cap (a zip whose headers lie cannot get further). Limit failures are ZipLimitError.
 */
export function unzipTextFiles(data: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }, (openError, zip) => {
      if (openError || !zip) {
        reject(new Error("not a readable zip archive"));
        return;
      }
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        zip.close();
        reject(error);
      };
      const entries: yauzl.Entry[] = [];
      let declaredTotal = 0;
      let seen = 0;
      zip.on("error", () => fail(new Error("not a readable zip archive")));
      zip.on("entry", (entry: yauzl.Entry) => {
        seen += 1;
        if (seen > MAX_ENTRIES) return fail(new ZipLimitError(`the archive has more than ${MAX_ENTRIES} files`));
        if (!entry.fileName.endsWith("/")) {
          declaredTotal += entry.uncompressedSize;
          if (declaredTotal > MAX_BUNDLE_INFLATED_BYTES)
            return fail(new ZipLimitError(`the files would unzip to more than ${formatBytes(MAX_BUNDLE_INFLATED_BYTES)}`));
          const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
          if (entry.uncompressedSize > RATIO_EXEMPT_BYTES && ratio > MAX_BUNDLE_INFLATE_RATIO) {
            return fail(
              new ZipLimitError(
                `${entry.fileName} would unzip to ${Math.round(ratio)} times its zipped size (at most ${MAX_BUNDLE_INFLATE_RATIO})`,
              ),
            );
          }
          entries.push(entry);
        }
        zip.readEntry();
      });
      zip.on("end", () => {
        if (!settled)
          void inflateAll(zip, entries).then(
            (files) => {
              settled = true;
              zip.close();
              resolve(files);
            },
            (error: Error) => fail(error),
          );
      });
      zip.readEntry();
    });
  });
}

async function inflateAll(zip: yauzl.ZipFile, entries: readonly yauzl.Entry[]): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  let inflated = 0;
  for (const entry of entries) {
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.openReadStream(entry, (streamError, stream) => {
        if (streamError || !stream) return reject(new Error(`${entry.fileName} could not be read`));
        stream.on("data", (chunk: Buffer) => {
          inflated += chunk.length;
          if (inflated > MAX_BUNDLE_INFLATED_BYTES) {
            stream.destroy();
            reject(new ZipLimitError(`the files unzip to more than ${formatBytes(MAX_BUNDLE_INFLATED_BYTES)}`));
            return;
          }
          chunks.push(chunk);
        });
        stream.on("error", () => reject(new Error(`${entry.fileName} could not be read`)));
        stream.on("end", () => resolve());
      });
    });
    files[entry.fileName] = Buffer.concat(chunks).toString("utf8");
  }
  return files;
}
