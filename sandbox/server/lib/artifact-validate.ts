import { createHash } from "node:crypto";

/**
 * Finalize-time artifact checks (validateWorkflowArtifact, §6): central directory present, no
 * zip64, at most 10,000 entries, no `..` or absolute paths, every entry point resolves, no
 * dependency files; sha256 and size. Reads the central directory itself (nothing is extracted).
 */

export const MAX_ZIP_ENTRIES = 10_000;
export const DEPENDENCY_FILES = ["requirements.txt", "setup.py", "setup.cfg", "pyproject.toml", "Pipfile", "Pipfile.lock"];

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const CDH_SIG = 0x02014b50;

export interface ArtifactReport {
  ok: boolean;
  problems: string[];
  sha256: string;
  sizeBytes: number;
  entries: string[];
}

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - (22 + 0xffff));
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  return -1;
}

/** List entry names from the central directory; pushes structural problems. */
function readCentralDirectory(buf: Buffer, problems: string[]): string[] | null {
  if (buf.length < 22) {
    problems.push("artifact is not a zip archive (too small)");
    return null;
  }
  const eocd = findEocd(buf);
  if (eocd < 0) {
    problems.push("zip central directory not found (corrupt or not a zip archive)");
    return null;
  }
  const total = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (
    (eocd >= 20 && buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIG) ||
    total === 0xffff ||
    cdSize === 0xffffffff ||
    cdOffset === 0xffffffff
  ) {
    problems.push("zip64 archives are not supported");
    return null;
  }
  if (total > MAX_ZIP_ENTRIES) {
    problems.push(`zip has ${total} entries; at most ${MAX_ZIP_ENTRIES} are allowed`);
    return null;
  }
  if (cdOffset + cdSize > eocd) {
    problems.push("zip central directory is out of bounds (corrupt archive)");
    return null;
  }
  const names: string[] = [];
  let p = cdOffset;
  for (let i = 0; i < total; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CDH_SIG) {
      problems.push("zip central directory is corrupt");
      return null;
    }
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen + commentLen > eocd) {
      problems.push("zip central directory is corrupt");
      return null;
    }
    names.push(buf.toString("utf8", p + 46, p + 46 + nameLen));
    // Extra field 0x0001 marks a zip64 entry.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = buf.readUInt16LE(e);
      const size = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        problems.push("zip64 archives are not supported");
        return null;
      }
      e += 4 + size;
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function badPath(name: string): boolean {
  if (name.startsWith("/") || name.startsWith("\\") || /^[A-Za-z]:/.test(name)) return true;
  return name.split(/[\\/]/).some((seg) => seg === "..");
}

/** Check that `module.path:Attr` resolves to `module/path.py` or `module/path/__init__.py`. */
function entryPointProblem(entryPoint: string, files: Set<string>): string | null {
  const m = /^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*):([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/.exec(
    entryPoint,
  );
  if (!m?.[1]) return `entry point "${entryPoint}" must look like "package.module:ClassName"`;
  const base = m[1].replace(/\./g, "/");
  if (files.has(`${base}.py`) || files.has(`${base}/__init__.py`)) return null;
  return `entry point "${entryPoint}" does not resolve: neither ${base}.py nor ${base}/__init__.py is in the artifact`;
}

/** Validate artifact bytes against the manifest's entry points. */
export function validateArtifact(bytes: Buffer, entryPoints: readonly string[]): ArtifactReport {
  const problems: string[] = [];
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const names = readCentralDirectory(bytes, problems);
  if (names) {
    for (const name of names) {
      if (badPath(name)) problems.push(`unsafe path in zip: "${name}"`);
      const base = name.split("/").pop() ?? "";
      if (DEPENDENCY_FILES.includes(base)) {
        problems.push(`dependency file "${name}" is not allowed — workflows may use the Python stdlib and the Pegasus SDK only`);
      }
    }
    const files = new Set(names.filter((n) => !n.endsWith("/")));
    for (const ep of entryPoints) {
      const problem = entryPointProblem(ep, files);
      if (problem) problems.push(problem);
    }
  }
  return { ok: problems.length === 0, problems, sha256, sizeBytes: bytes.length, entries: names ?? [] };
}
