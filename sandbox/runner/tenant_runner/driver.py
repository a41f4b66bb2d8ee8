"""Direct-mode driver: runs ONE tenant workflow class in this (sub)process, with no Temporal.

Invoked by the proxy activity as ``python -m tenant_runner.driver --entry mod:Cls --in F --out F``.
Before the tenant module is imported, the workflow API the SDK re-exports (``temporalio.workflow``)
is patched so that ``execute_activity``, ``execute_local_activity``, ``start_activity``, ``sleep``,
``now``, ``uuid4``, ``info``... become direct in-process calls. Each activity runs inside Temporal's
``ActivityEnvironment`` (so ``activity.info()``/``heartbeat()`` work) and is recorded in a trace.
The outcome is written as JSON to ``--out``:
``{"ok": true, "value": ...}`` or ``{"ok": false, "error": "...", "type": "..."}``.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import inspect
import json
import os
import random as _random
import sys
import time as _time
import traceback
import types
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

import temporalio.common
import temporalio.workflow as twf
from temporalio.testing import ActivityEnvironment

from .jsonable import to_jsonable

TRACE: list[dict[str, Any]] = []
_ACTIVITIES_BY_NAME: dict[str, Callable[..., Any]] = {}


def _activity_name(fn: Any) -> str:
    defn = getattr(fn, "__temporal_activity_definition", None)
    if defn is not None and getattr(defn, "name", None):
        return str(defn.name)
    return str(getattr(fn, "__name__", repr(fn)))


def _resolve_activity(activity: Any) -> Callable[..., Any]:
    if isinstance(activity, str):
        fn = _ACTIVITIES_BY_NAME.get(activity)
        if fn is None:
            raise RuntimeError(f"activity {activity!r} is not defined by this workflow's modules")
        return fn
    if callable(activity):
        return activity
    raise TypeError(f"cannot execute activity {activity!r}")


def _arg_list(arg: Any, args: Sequence[Any]) -> list[Any]:
    if arg is not temporalio.common._arg_unset:  # type: ignore[attr-defined]
        return [arg]
    return list(args)


async def _run_activity(activity: Any, arg: Any, args: Sequence[Any]) -> Any:
    fn = _resolve_activity(activity)
    call_args = _arg_list(arg, args)
    record: dict[str, Any] = {"activity": _activity_name(fn), "args": to_jsonable(call_args)}
    TRACE.append(record)
    env = ActivityEnvironment()
    if inspect.iscoroutinefunction(fn):
        result = await env.run(fn, *call_args)
    else:
        # sync activities run in a worker thread in a real worker; do the same here
        result = await asyncio.to_thread(env.run, fn, *call_args)
        if inspect.isawaitable(result):
            result = await result
    record["result"] = to_jsonable(result)
    return result


async def _execute_activity(activity: Any, arg: Any = temporalio.common._arg_unset, *, args: Sequence[Any] = (), **_opts: Any) -> Any:  # type: ignore[attr-defined]
    return await _run_activity(activity, arg, args)


def _start_activity(activity: Any, arg: Any = temporalio.common._arg_unset, *, args: Sequence[Any] = (), **_opts: Any) -> "asyncio.Task[Any]":  # type: ignore[attr-defined]
    return asyncio.get_running_loop().create_task(_run_activity(activity, arg, args))


async def _execute_activity_method(method: Any, arg: Any = temporalio.common._arg_unset, *, args: Sequence[Any] = (), **_opts: Any) -> Any:  # type: ignore[attr-defined]
    return await _run_activity(method, arg, args)


async def _sleep(duration: float | timedelta, *, summary: str | None = None) -> None:
    seconds = duration.total_seconds() if isinstance(duration, timedelta) else float(duration)
    await asyncio.sleep(max(0.0, seconds))


async def _wait_condition(fn: Callable[[], bool], *, timeout: float | timedelta | None = None, **_k: Any) -> None:
    seconds = timeout.total_seconds() if isinstance(timeout, timedelta) else timeout
    deadline = None if seconds is None else _time.monotonic() + seconds
    while not fn():
        if deadline is not None and _time.monotonic() >= deadline:
            raise asyncio.TimeoutError()
        await asyncio.sleep(0.05)


def _install_direct_patches(info: types.SimpleNamespace) -> None:
    rng = _random.Random()
    patches: dict[str, Any] = {
        "execute_activity": _execute_activity,
        "execute_local_activity": _execute_activity,
        "start_activity": _start_activity,
        "start_local_activity": _start_activity,
        "execute_activity_method": _execute_activity_method,
        "execute_local_activity_method": _execute_activity_method,
        "execute_activity_class": _execute_activity_method,
        "execute_local_activity_class": _execute_activity_method,
        "sleep": _sleep,
        "wait_condition": _wait_condition,
        "now": lambda: datetime.now(timezone.utc),
        "time": _time.time,
        "time_ns": _time.time_ns,
        "uuid4": uuid.uuid4,
        "random": lambda: rng,
        "info": lambda: info,
        "in_workflow": lambda: False,
        "patched": lambda _id, **_k: True,
        "deprecate_patch": lambda _id, **_k: None,
        "memo": lambda: {},
    }
    for name, fn in patches.items():
        setattr(twf, name, fn)


def _collect_activities(module: types.ModuleType) -> None:
    """Index every @activity.defn callable reachable from the entry module's package."""
    seen: list[types.ModuleType] = [module]
    pkg = module.__name__.split(".")[0]
    for name, mod in list(sys.modules.items()):
        if (name == pkg or name.startswith(pkg + ".")) and mod is not None and mod not in seen:
            seen.append(mod)
    for mod in seen:
        for value in vars(mod).values():
            if callable(value) and getattr(value, "__temporal_activity_definition", None) is not None:
                _ACTIVITIES_BY_NAME.setdefault(_activity_name(value), value)


async def _run(entry: str, arg: Any, execution_id: str, workflow_name: str) -> Any:
    module_name, _, attr = entry.partition(":")
    info = types.SimpleNamespace(
        workflow_id=os.environ.get("PEGASUS_TEMPORAL_WORKFLOW_ID", execution_id),
        run_id=os.environ.get("PEGASUS_TEMPORAL_RUN_ID", ""),
        workflow_type=workflow_name,
        task_queue="direct",
        namespace="default",
        attempt=1,
        start_time=datetime.now(timezone.utc),
        execution_timeout=None,
        headers={},
        search_attributes={},
        get_current_history_length=lambda: 0,
        is_continue_as_new_suggested=lambda: False,
    )
    _install_direct_patches(info)
    module = importlib.import_module(module_name)
    cls = getattr(module, attr)
    _collect_activities(module)
    defn = twf._Definition.must_from_class(cls)  # type: ignore[attr-defined]
    params = [p for p in inspect.signature(cls.__init__).parameters.values() if p.name != "self"]
    instance = cls(arg) if getattr(cls.__init__, "__temporal_workflow_init", False) or (
        params and params[0].kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        and params[0].default is inspect.Parameter.empty
    ) else cls()
    run_params = [p for p in inspect.signature(defn.run_fn).parameters.values() if p.name != "self"]
    if run_params:
        return await defn.run_fn(instance, arg)
    return await defn.run_fn(instance)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entry", required=True)
    parser.add_argument("--in", dest="inp", required=True)
    parser.add_argument("--out", required=True)
    ns = parser.parse_args()
    with open(ns.inp, encoding="utf-8") as f:
        job = json.load(f)
    dry_run = bool(job.get("dryRun"))
    outcome: dict[str, Any]
    try:
        value = asyncio.run(_run(ns.entry, job.get("arg"), str(job.get("executionId", "")), str(job.get("workflowName", ""))))
        if dry_run:
            api = sys.modules.get("pegasus_workflows.api")
            captured = api.get_dry_run_captures() if api is not None else []
            value = {"dryRun": True, "return": to_jsonable(value), "trace": TRACE, "captured": to_jsonable(captured)}
        outcome = {"ok": True, "value": to_jsonable(value)}
    except BaseException as err:  # noqa: BLE001 - every failure becomes the run's error message
        message = str(err) or type(err).__name__
        cause = err
        # surface the innermost message for wrapped errors (ActivityError-like chains)
        while getattr(cause, "__cause__", None) is not None:
            cause = cause.__cause__  # type: ignore[assignment]
        if cause is not err and str(cause):
            message = f"{message}: {cause}"
        traceback.print_exc(file=sys.stderr)
        outcome = {"ok": False, "error": message, "type": type(err).__name__}
    with open(ns.out, "w", encoding="utf-8") as f:
        json.dump(outcome, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
