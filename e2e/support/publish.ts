import yazl from "yazl";

function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

/** What a published test version declares (everything else is a do-nothing package). */
export interface TestManifest {
  name: string;
  version: string;
  diagram: string;
  description?: string;
  requiredActions?: string[];
  requiredSecrets?: Array<{ key: string; group?: string; description?: string | null }>;
  requiredConfigs?: Array<{ key: string; group?: string; description?: string | null }>;
  timeoutSeconds?: number | null;
}

/**
 * Publishes one version straight to the sandbox through the real three-step flow (upload-url →
 * PUT → finalize) with a do-nothing package; returns the workflow id. The console has no upload UI,
 * so tests and benches that need a particular diagram or envelope publish it this way.
 */
export async function publishTestWorkflow(api: string, idToken: string, m: TestManifest): Promise<string> {
  const headers = { authorization: `Bearer ${idToken}`, "content-type": "application/json" };
  const zip = await zipOf({
    "pkg/__init__.py": "",
    "pkg/workflow.py": "class Main:\n    pass\n",
    "pegasus-workflows.toml": `[[workflow]]\nname = "${m.name}"\nversion = "${m.version}"\n`,
  });
  const up = await fetch(`${api}/workflows/upload-url`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name: m.name, version: m.version, sizeBytes: zip.length }),
  });
  if (up.status !== 201) throw new Error(`upload-url answered ${up.status}: ${await up.text()}`);
  const { data } = (await up.json()) as { data: { workflowId: string; uploadUrl: string } };
  const put = await fetch(data.uploadUrl, {
    method: "PUT",
    headers: { "content-type": "application/zip", "content-length": String(zip.length) },
    body: new Uint8Array(zip),
  });
  if (!put.ok) throw new Error(`PUT answered ${put.status}: ${await put.text()}`);
  const manifest = {
    name: m.name,
    version: m.version,
    entryPoints: ["pkg.workflow:Main"],
    description: m.description ?? "review probe",
    diagram: m.diagram,
    requiredActions: m.requiredActions ?? [],
    requiredSecrets: m.requiredSecrets ?? [],
    requiredConfigs: m.requiredConfigs ?? [],
    ...(m.timeoutSeconds ? { timeoutSeconds: m.timeoutSeconds } : {}),
  };
  const fin = await fetch(`${api}/workflows`, { method: "POST", headers, body: JSON.stringify({ workflowId: data.workflowId, manifest }) });
  if (fin.status !== 201) throw new Error(`finalize answered ${fin.status}: ${await fin.text()}`);
  return data.workflowId;
}

/** Publishes `name@0.1.0`, a do-nothing workflow carrying `diagram` and no actions or keys; returns the workflow id. */
export function publishProbeWorkflow(
  api: string,
  idToken: string,
  name: string,
  diagram: string,
  description = "review probe",
): Promise<string> {
  return publishTestWorkflow(api, idToken, { name, version: "0.1.0", diagram, description });
}
