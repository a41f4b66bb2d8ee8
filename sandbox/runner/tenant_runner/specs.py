"""Workflow specs written by the sandbox server, and artifact unpacking.

The server writes one JSON file per workflow under ``<stateDir>/runner/specs/<workflowId>.json``
(mode 0600, because it carries the workflow's runtime key). The runtime key never travels through
Temporal (workflow inputs are stored in history and shown by the Web UI).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class WorkflowSpec:
    workflow_id: str
    tenant_id: str
    name: str
    version: str
    artifact_path: str
    artifact_sha256: str
    entry_point: str
    runtime_token: str
    api_base_url: str
    timeout_seconds: int
    durable: bool
    task_queue: str

    def __repr__(self) -> str:  # never print the runtime key
        return f"WorkflowSpec({self.name}@{self.version}, id={self.workflow_id}, durable={self.durable})"


class SpecError(RuntimeError):
    """A spec or artifact problem; the run fails with this message."""


def specs_dir(state_dir: str) -> Path:
    return Path(state_dir) / "runner" / "specs"


def load_spec_file(path: Path) -> WorkflowSpec:
    try:
        raw = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as err:
        raise SpecError(f"cannot read workflow spec {path.name}: {err}") from err
    try:
        entry_points = raw["entryPoints"]
        if not isinstance(entry_points, list) or not entry_points:
            raise SpecError("workflow spec has no entry point")
        return WorkflowSpec(
            workflow_id=str(raw["workflowId"]),
            tenant_id=str(raw["tenantId"]),
            name=str(raw["name"]),
            version=str(raw["version"]),
            artifact_path=str(raw["artifactPath"]),
            artifact_sha256=str(raw.get("artifactSha256") or ""),
            entry_point=str(entry_points[0]),
            runtime_token=str(raw.get("runtimeToken") or ""),
            api_base_url=str(raw["apiBaseUrl"]),
            timeout_seconds=int(raw.get("timeoutSeconds") or 900),
            durable=bool(raw.get("durable")),
            task_queue=str(raw.get("taskQueue") or ""),
        )
    except KeyError as err:
        raise SpecError(f"workflow spec {path.name} lacks {err}") from err


def load_spec(state_dir: str, workflow_id: str) -> WorkflowSpec:
    # workflow ids are UUIDs; refuse anything that could walk out of the folder
    if not workflow_id or "/" in workflow_id or "\\" in workflow_id or workflow_id.startswith("."):
        raise SpecError("invalid workflow id")
    path = specs_dir(state_dir) / f"{workflow_id}.json"
    if not path.exists():
        raise SpecError(f"no runner spec for workflow {workflow_id}")
    return load_spec_file(path)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def ensure_unpacked(state_dir: str, spec: WorkflowSpec) -> Path:
    """Verify the artifact's sha256 and unpack it (once) into its own folder; return the folder."""
    artifact = Path(spec.artifact_path)
    if not artifact.is_absolute():
        artifact = Path(state_dir) / artifact
    if not artifact.exists():
        raise SpecError(f"artifact for {spec.name}@{spec.version} is missing")
    digest = _sha256_file(artifact)
    if spec.artifact_sha256 and digest != spec.artifact_sha256.lower():
        raise SpecError(
            f"artifact sha256 mismatch for {spec.name}@{spec.version}: "
            f"recorded {spec.artifact_sha256}, found {digest}"
        )
    root = Path(state_dir) / "runner" / "unpacked"
    target = root / f"{spec.workflow_id}-{digest[:16]}"
    if target.exists():
        return target
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".unpack-", dir=root))
    try:
        with zipfile.ZipFile(artifact) as zf:
            for info in zf.infolist():
                name = PurePosixPath(info.filename)
                if name.is_absolute() or ".." in name.parts:
                    raise SpecError(f"unsafe path in artifact: {info.filename}")
                dest = tmp.joinpath(*name.parts)
                if info.is_dir():
                    dest.mkdir(parents=True, exist_ok=True)
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, dest.open("wb") as out:
                    shutil.copyfileobj(src, out)
        try:
            os.rename(tmp, target)
        except OSError:
            # another worker unpacked the same artifact first
            shutil.rmtree(tmp, ignore_errors=True)
    except zipfile.BadZipFile as err:
        shutil.rmtree(tmp, ignore_errors=True)
        raise SpecError(f"artifact is not a valid zip: {err}") from err
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
