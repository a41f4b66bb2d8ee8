"""Durable mode: one worker process per durable workflow build.

The tenant's workflow class runs as a real Temporal workflow (sandboxed, replayed) and every
activity its package defines is a real Temporal activity, so histories carry many activities,
timers and retries. One process per build keeps module names of different versions apart.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import importlib
import os
import signal
import sys
from pathlib import Path
from typing import Any

from temporalio.client import Client
from temporalio.worker import Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from .specs import ensure_unpacked, load_spec_file


def _collect(module_name: str, code_dir: Path) -> tuple[type, list[Any]]:
    module_path, _, attr = module_name.partition(":")
    module = importlib.import_module(module_path)
    cls = getattr(module, attr)
    pkg = module_path.split(".")[0]
    # import every module of the tenant package so activities defined beside the workflow count
    pkg_dir = code_dir / pkg
    if pkg_dir.is_dir():
        for py in pkg_dir.rglob("*.py"):
            rel = py.relative_to(code_dir).with_suffix("")
            name = ".".join(rel.parts)
            if name.endswith(".__init__"):
                name = name[: -len(".__init__")]
            try:
                importlib.import_module(name)
            except Exception as err:  # noqa: BLE001 - a broken helper module must not stop the worker
                print(f"durable worker: skipping module {name}: {err}", file=sys.stderr)
    acts: dict[str, Any] = {}
    for name, mod in list(sys.modules.items()):
        if mod is None or not (name == pkg or name.startswith(pkg + ".")):
            continue
        for value in vars(mod).values():
            defn = getattr(value, "__temporal_activity_definition", None)
            if callable(value) and defn is not None:
                acts.setdefault(str(defn.name), value)
    return cls, list(acts.values())


async def _main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spec", required=True)
    parser.add_argument("--address", required=True)
    parser.add_argument("--namespace", default="default")
    parser.add_argument("--state-dir", required=True)
    ns = parser.parse_args()
    spec = load_spec_file(Path(ns.spec))
    code_dir = ensure_unpacked(ns.state_dir, spec)
    sys.path.insert(0, str(code_dir))
    os.environ["PEGASUS_API_BASE_URL"] = spec.api_base_url
    os.environ["PEGASUS_RUNTIME_TOKEN"] = spec.runtime_token
    os.environ.pop("PEGASUS_DRY_RUN", None)
    cls, activities = _collect(spec.entry_point, code_dir)
    client = await Client.connect(ns.address, namespace=ns.namespace)
    restrictions = SandboxRestrictions.default.with_passthrough_modules("pegasus_workflows")
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        worker = Worker(
            client,
            task_queue=spec.task_queue,
            workflows=[cls],
            activities=activities,
            activity_executor=pool,
            workflow_runner=SandboxedWorkflowRunner(restrictions=restrictions),
        )
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        print(f"durable worker ready: {spec!r} queue={spec.task_queue} activities={len(activities)}", file=sys.stderr, flush=True)
        async with worker:
            await stop.wait()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(_main()))
