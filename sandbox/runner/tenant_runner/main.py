"""Runner entry: ``python -m tenant_runner.main --address H:P --state-dir DIR``.

Runs the direct-mode proxy worker on ``pegasus-tenant-runner`` and supervises one durable worker
process per durable workflow spec found in ``<stateDir>/runner/specs``. Prints ``RUNNER READY``
on stdout once the worker polls, so the sandbox can wait for it.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import signal
import sys
import time
from pathlib import Path

from temporalio.client import Client
from temporalio.worker import Worker

from . import DIRECT_TASK_QUEUE, proxy
from .large_history import LargeHistoryWorkflow, record_batch_item
from .specs import SpecError, load_spec_file, specs_dir


class DurableSupervisor:
    """Starts (and restarts, with a back-off) one durable worker per durable spec file."""

    def __init__(self, address: str, namespace: str, state_dir: str) -> None:
        self.address = address
        self.namespace = namespace
        self.state_dir = state_dir
        self.procs: dict[str, asyncio.subprocess.Process] = {}
        self.mtimes: dict[str, float] = {}
        self.next_try: dict[str, float] = {}

    async def scan(self) -> None:
        folder = specs_dir(self.state_dir)
        if not folder.is_dir():
            return
        for path in folder.glob("*.json"):
            key = path.stem
            try:
                mtime = path.stat().st_mtime
                spec = load_spec_file(path)
            except (OSError, SpecError) as err:
                print(f"runner: bad spec {path.name}: {err}", file=sys.stderr)
                continue
            if not spec.durable or not spec.task_queue:
                continue
            proc = self.procs.get(key)
            changed = self.mtimes.get(key) != mtime
            if proc is not None and proc.returncode is None and not changed:
                continue
            if proc is not None and proc.returncode is None and changed:
                proc.terminate()
                await proc.wait()
            if time.monotonic() < self.next_try.get(key, 0):
                continue
            self.mtimes[key] = mtime
            self.next_try[key] = time.monotonic() + 5
            self.procs[key] = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "tenant_runner.durable_worker",
                "--spec",
                str(path),
                "--address",
                self.address,
                "--namespace",
                self.namespace,
                "--state-dir",
                self.state_dir,
                cwd=str(proxy.RUNNER_ROOT),
            )

    async def stop(self) -> None:
        for proc in self.procs.values():
            if proc.returncode is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                await asyncio.wait_for(proc.wait(), timeout=5)
            except asyncio.TimeoutError:
                proc.kill()


async def _main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", required=True)
    parser.add_argument("--namespace", default="default")
    parser.add_argument("--state-dir", required=True)
    ns = parser.parse_args()
    proxy.STATE_DIR["value"] = str(Path(ns.state_dir).resolve())
    (Path(ns.state_dir) / "runner" / "specs").mkdir(parents=True, exist_ok=True)
    client = await Client.connect(ns.address, namespace=ns.namespace)
    supervisor = DurableSupervisor(ns.address, ns.namespace, proxy.STATE_DIR["value"])
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        worker = Worker(
            client,
            task_queue=DIRECT_TASK_QUEUE,
            workflows=[proxy.TenantProxyWorkflow, LargeHistoryWorkflow],
            activities=[proxy.run_tenant_entry_point, record_batch_item],
            activity_executor=pool,
            max_concurrent_activities=50,
        )
        async with worker:
            print("RUNNER READY", flush=True)
            try:
                while not stop.is_set():
                    await supervisor.scan()
                    try:
                        await asyncio.wait_for(stop.wait(), timeout=0.5)
                    except asyncio.TimeoutError:
                        pass
            finally:
                await supervisor.stop()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(_main()))
