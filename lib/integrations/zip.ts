import { Buffer } from "node:buffer";
import yauzl from "yauzl";
import yazl from "yazl";

/** Largest bundle the console accepts (zipped), and the largest a single unzipped file may be. */
export const MAX_BUNDLE_BYTES = 5 * 1024 * 1024;
const MAX_ENTRY_BYTES = 10 * 1024 * 1024;
const MAX_ENTRIES = 50;

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

/** Reads every regular file of a zip as UTF-8 text; rejects with a readable message on a bad archive. */
export function unzipTextFiles(data: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }, (openError, zip) => {
      if (openError || !zip) {
        reject(new Error("not a readable zip archive"));
        return;
      }
      const files: Record<string, string> = {};
      let count = 0;
      zip.on("error", () => reject(new Error("not a readable zip archive")));
      zip.on("end", () => resolve(files));
      zip.on("entry", (entry: yauzl.Entry) => {
        count += 1;
        if (count > MAX_ENTRIES) {
          zip.close();
          reject(new Error(`the archive has more than ${MAX_ENTRIES} files`));
          return;
        }
        if (entry.fileName.endsWith("/")) {
          zip.readEntry();
          return;
        }
        if (entry.uncompressedSize > MAX_ENTRY_BYTES) {
          zip.close();
          reject(new Error(`${entry.fileName} is larger than ${MAX_ENTRY_BYTES / 1024 / 1024} MB`));
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            reject(new Error(`${entry.fileName} could not be read`));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", () => reject(new Error(`${entry.fileName} could not be read`)));
          stream.on("end", () => {
            files[entry.fileName] = Buffer.concat(chunks).toString("utf8");
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
