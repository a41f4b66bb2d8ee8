"""Direct mode: the catch-all proxy workflow and its single activity ``run_tenant_entry_point``."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from temporalio import activity, workflow
from temporalio.common import RawValue, RetryPolicy
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from .specs import SpecError, ensure_unpacked, load_spec

RUNNER_ROOT = Path(__file__).resolve().parent.parent
#: set by main.py before the worker starts
STATE_DIR: dict[str, str] = {"value": ""}


@workflow.defn(dynamic=True, sandboxed=False)
class TenantProxyWorkflow:
    """Registered for every workflow type: decodes the start envelope and runs the one activity."""

    @workflow.run
    async def run(self, args: Sequence[RawValue]) -> Any:
        envelope = workflow.payload_converter().from_payload(args[0].payload, dict) if args else {}
        timeout = int(envelope.get("timeoutSeconds") or 900)
        return await workflow.execute_activity(
            "run_tenant_entry_point",
            envelope,
            start_to_close_timeout=timedelta(seconds=timeout + 30),
            heartbeat_timeout=timedelta(seconds=15),
            retry_policy=RetryPolicy(maximum_attempts=1),
        )


def _tail(text: str, limit: int = 2000) -> str:
    return text if len(text) <= limit else "…" + text[-limit:]


@activity.defn(name="run_tenant_entry_point")
async def run_tenant_entry_point(envelope: dict[str, Any]) -> Any:
    """Run the tenant class in a subprocess, killing it on timeout or cancellation."""
    state_dir = STATE_DIR["value"]
    try:
        spec = load_spec(state_dir, str(envelope.get("workflowId", "")))
        code_dir = ensure_unpacked(state_dir, spec)
    except SpecError as err:
        raise ApplicationError(str(err), type="RunnerSetupError", non_retryable=True) from err
    timeout = int(envelope.get("timeoutSeconds") or spec.timeout_seconds)
    info = activity.info()
    with tempfile.TemporaryDirectory(prefix="run-", dir=Path(state_dir) / "runner") as tmp:
        in_file = Path(tmp) / "in.json"
        out_file = Path(tmp) / "out.json"
        in_file.write_text(
            json.dumps(
                {
                    "arg": envelope.get("input"),
                    "dryRun": bool(envelope.get("dryRun")),
                    "executionId": envelope.get("executionId"),
                    "workflowName": spec.name,
                }
            ),
            "utf-8",
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("PEGASUS_") and not k.startswith("SANDBOX_")}
        env.update(
            {
                "PYTHONPATH": os.pathsep.join([str(code_dir), str(RUNNER_ROOT)]),
                "PYTHONDONTWRITEBYTECODE": "1",
                "PEGASUS_API_BASE_URL": spec.api_base_url,
                "PEGASUS_RUNTIME_TOKEN": spec.runtime_token,
                "PEGASUS_TEMPORAL_WORKFLOW_ID": info.workflow_id,
                "PEGASUS_TEMPORAL_RUN_ID": info.workflow_run_id,
            }
        )
        if envelope.get("dryRun"):
            env["PEGASUS_DRY_RUN"] = "1"
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tenant_runner.driver",
            "--entry",
            spec.entry_point,
            "--in",
            str(in_file),
            "--out",
            str(out_file),
            cwd=str(code_dir),
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output = bytearray()

        async def pump() -> None:
            assert proc.stdout is not None
            while chunk := await proc.stdout.read(65536):
                output.extend(chunk)
                if len(output) > 1_000_000:
                    del output[: len(output) - 1_000_000]

        pump_task = asyncio.create_task(pump())
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            while True:
                try:
                    await asyncio.wait_for(proc.wait(), timeout=1.0)
                    break
                except asyncio.TimeoutError:
                    pass
                activity.heartbeat()
                if loop.time() >= deadline:
                    proc.kill()
                    await proc.wait()
                    raise ApplicationError(
                        f"Workflow exceeded its timeout of {timeout}s", type="TimeoutError", non_retryable=True
                    )
        except asyncio.CancelledError:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
            raise
        finally:
            await asyncio.wait_for(pump_task, timeout=5)
        log = output.decode("utf-8", "replace")
        if log.strip():
            # tenant output (prints, tracebacks) goes to the runner log, clearly labelled
            for line in log.rstrip().splitlines()[-50:]:
                print(f"[{spec.name}@{spec.version} {envelope.get('executionId')}] {line}", file=sys.stderr)
        if not out_file.exists():
            raise ApplicationError(
                f"Tenant process exited with code {proc.returncode} without a result: {_tail(log, 500)}",
                type="TenantProcessError",
                non_retryable=True,
            )
        outcome = json.loads(out_file.read_text("utf-8"))
    if outcome.get("ok"):
        return outcome.get("value")
    raise ApplicationError(str(outcome.get("error")), type=str(outcome.get("type") or "Error"), non_retryable=True)
