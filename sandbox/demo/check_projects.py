"""Offline self-check of every demo SDK project (no server, no Temporal).

For each project folder under ``sandbox/demo`` (one folder per published version):

1. the SDK loads and validates ``pegasus-workflows.toml`` (``load_manifest``);
2. the entry point imports and is a ``@pegasus_workflow`` with the manifest's name
   and version;
3. every activity the module defines is named by a node label of ``workflow.mmd``
   (the console matches diagram labels to activity types);
4. the workflow class passes Temporal's workflow-sandbox validation (the
   *durable* shape, where every activity is a Temporal activity);
5. the workflow runs end to end in *direct* shape (activities called in-process,
   timers recorded, not slept) against the SDK's own fake client from
   ``pegasus_workflows.testing``, and ends as the demo needs: completed, failed in
   an activity, or outlasting its ``timeout_seconds``.

Run with the sandbox venv: ``.sandbox/venv/bin/python sandbox/demo/check_projects.py``.
Prints one line per project and exits non-zero on the first broken project.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

from temporalio import workflow as temporal_workflow
from temporalio.exceptions import ApplicationError
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner

from pegasus_workflows import WORKFLOW_META_ATTR
from pegasus_workflows.api import PegasusClient
from pegasus_workflows.manifest import DIAGRAM_FILENAME, load_manifest
from pegasus_workflows.testing import fake_client

DEMO_ROOT = Path(__file__).resolve().parent

#: Config values the fake client serves (the seed sets the same keys on the sandbox).
CONFIGS = {
    "DEPOSIT_PERCENT": "25",
    "PAYMENTS_MERCHANT_ID": "atlas-merchant-001",
    "RECEIPT_SMS_TEMPLATE": "Atlas Moving: deposit {amount} received (ref {reference}).",
    "ORDER_SAVED_SMS_TEMPLATE": "Atlas Moving: order {order} is saved.",
    "QUIET_HOURS": "",
    "BILLING_GRACE_DAYS": "7",
    "BILLING_REMINDER_TEMPLATE": "Invoice {invoice}: {amount} due.",
    "DEMO_PARTNER_SYNC_ACTION": "save",
    "DISPATCH_LOADING_WINDOW_MINUTES": "5",
    "DISPATCH_CREW_LEAD_PHONE": "+15550100999",
    "CLAIMS_COVERAGE_LIMIT_CENTS": "1000000",
    "SURVEY_UPLOAD_LINK": "https://atlas.example/survey",
    "DELIVERY_ETA_SMS_TEMPLATE": "Atlas Moving: your truck arrives in {window}.",
    "MILESTONE_SMS_TEMPLATE": "Your move {move} is now {status}.",
    "MILESTONE_STATUSES": "LOADED,DELIVERED",
    "DIGEST_RECIPIENT_PHONE": "+15550100900",
}
SECRETS = {"PAYMENTS_API_KEY": "sk_test_demo", "CLAIMS_PORTAL_TOKEN": "cp_demo"}


@dataclass
class Scenario:
    """What one run of a project should do."""

    input: dict[str, Any]
    outcome: str  # "completed" | "failed" | "timed_out"
    #: Capabilities the run must have captured (mutations the fake did not perform).
    captures: list[str] = field(default_factory=list)


def manual(fields: dict[str, Any]) -> dict[str, Any]:
    """A manual run's start argument."""
    return {"executionId": "00000000-0000-4000-8000-00000000c0de", "input": fields}


def event(event_type: str, payload: dict[str, Any]) -> dict[str, Any]:
    """An EVENT trigger's start argument."""
    return {
        "domainEventId": "00000000-0000-4000-8000-00000000e7e7",
        "eventType": event_type,
        "occurredAt": "2026-11-21T12:00:00.000Z",
        "payload": payload,
    }


PARTNER_ORDER = {"order": {"Id": "DP-40017", "ServiceOrder": {"Number": "490317"}, "Status": {"Code": "ACC"}}}

SCENARIOS: dict[str, Scenario] = {
    "quote-accepted-deposit@0.1.0": Scenario(
        event("quote.accepted", {"quoteId": "Q-1001", "totalCents": 480000}), "completed",
        ["custom"],
    ),
    "quote-accepted-deposit@0.2.0": Scenario(
        event("quote.accepted", {"quoteId": "Q-1002", "totalCents": 480000, "customerPhone": "+15550100001"}),
        "completed", ["custom", "SendSms"],
    ),
    "quote-accepted-deposit@0.3.0": Scenario(
        event("quote.accepted", {"quoteId": "Q-1003", "moveId": "M-2003", "totalCents": 480000, "customerPhone": "+15550100001"}),
        "completed", ["custom", "SendSms", "EmitTenantEvent"],
    ),
    "order-saved-sms@0.1.0": Scenario(
        event("order.saved", {"orderId": "O-3001", "customerPhone": "+15550100002"}), "completed", ["SendSms"]
    ),
    "order-saved-sms@0.2.0": Scenario(
        event("order.saved", {"orderId": "O-3002", "revision": 2, "customerPhone": "+15550100002"}),
        "completed", ["SendSms"],
    ),
    "nightly-billing-followup@0.1.0": Scenario(
        {"executionId": "x", "input": {"scheduledAt": "2026-11-21T02:00:00.000Z", "schedule": "0 2 * * *", "triggerId": "t"}},
        "completed", ["SendSms"],
    ),
    "partner-order-sync@0.1.0": Scenario(manual(PARTNER_ORDER), "completed", ["WriteIntegrationProjection"]),
    "partner-order-sync@0.2.0": Scenario(manual(PARTNER_ORDER), "completed", ["WriteIntegrationProjection"]),
    "crew-dispatch@0.1.0": Scenario(
        manual({"moveId": "M-2003", "customerPhone": "+15550100003", "waitMinutes": 5}), "completed", ["SendSms"]
    ),
    "damage-claim-intake@0.1.0": Scenario(
        manual({"claimId": "C-4001", "moveId": "M-2003", "claimedCents": 2500000, "customerPhone": "+15550100004"}),
        "failed",
    ),
    "virtual-survey-followup@0.1.0": Scenario(
        manual({"surveyId": "S-5001", "rooms": 4, "customerPhone": "+15550100005"}), "timed_out", ["SendSms"]
    ),
    "delivery-eta-notice@0.1.0": Scenario(
        manual({"moveId": "M-2003", "customerPhone": "+15550100006", "milesRemaining": 240}), "completed", ["SendSms"]
    ),
    "move-milestone-notifier@1.0.0": Scenario(
        event("move.status_changed", {"moveId": "M-2003", "status": "LOADED", "customerPhone": "+15550100007"}),
        "completed", ["SendSms"],
    ),
    "move-milestone-notifier@1.1.0": Scenario(
        event("move.status_changed", {"moveId": "M-2003", "status": "DELIVERED", "customerPhone": "+15550100007"}),
        "completed", ["SendSms"],
    ),
    "move-status-digest@1.0.0": Scenario(
        manual({"moves": [{"moveId": "M-1", "status": "BOOKED"}, {"moveId": "M-2", "status": "LOADED"}, {"moveId": "M-3", "status": "BOOKED"}]}),
        "completed", ["SendSms"],
    ),
}


def project_dirs() -> list[Path]:
    """Every folder holding a ``pegasus-workflows.toml``, sorted."""
    return sorted(p.parent for p in DEMO_ROOT.rglob("pegasus-workflows.toml"))


def activities_of(module: Any) -> dict[str, Any]:
    """Activity name → function for every ``@activity.defn`` in *module*."""
    found = {}
    for _, value in inspect.getmembers(module, inspect.isfunction):
        definition = getattr(value, "__temporal_activity_definition", None)
        if definition is not None:
            found[definition.name] = value
    return found


async def validate_in_sandbox(cls: type) -> None:
    """Temporal's own check that the class is a deterministic, sandbox-safe workflow."""
    SandboxedWorkflowRunner().prepare_workflow(temporal_workflow._Definition.must_from_class(cls))


async def run_direct(cls: type, arg: Any, client: Any) -> tuple[Any, float]:
    """Run the workflow class the way the tenant lane does: activities in-process.

    Returns the result and the total timer time the run asked for (timers are
    recorded, not slept).
    """
    slept = 0.0

    async def execute_activity(fn: Any, arg: Any = None, **_: Any) -> Any:
        return await fn(arg)

    async def sleep(duration: Any, **_: Any) -> None:
        nonlocal slept
        slept += duration.total_seconds() if isinstance(duration, timedelta) else float(duration)

    with (
        mock.patch.object(temporal_workflow, "execute_activity", execute_activity),
        mock.patch.object(temporal_workflow, "sleep", sleep),
        mock.patch.object(temporal_workflow, "now", lambda: datetime(2026, 11, 21, 15, 0, tzinfo=UTC)),
        mock.patch.object(PegasusClient, "from_runtime", classmethod(lambda _cls, **_kw: client)),
    ):
        result = await cls().run(arg)
    return result, slept


def check(project: Path) -> str:
    """Check one project; return a one-line summary or raise AssertionError."""
    (manifest,) = load_manifest(project)
    label = f"{manifest.name}@{manifest.version}"
    scenario = SCENARIOS.get(label)
    assert scenario is not None, f"{label}: no scenario in check_projects.py"

    module_name, _, class_name = manifest.entry_points[0].partition(":")
    sys.path.insert(0, str(project))
    try:
        for cached in [m for m in sys.modules if m.split(".")[0] == module_name.split(".")[0]]:
            del sys.modules[cached]
        module = importlib.import_module(module_name)
        cls = getattr(module, class_name)
        asyncio.run(validate_in_sandbox(cls))
    finally:
        sys.path.remove(str(project))
    meta = getattr(cls, WORKFLOW_META_ATTR)
    assert (meta["name"], meta["version"]) == (manifest.name, manifest.version), (
        f"{label}: decorator says {meta['name']}@{meta['version']}"
    )

    diagram = (project / manifest.source_dir / DIAGRAM_FILENAME).read_text(encoding="utf-8")
    assert diagram.startswith("flowchart"), f"{label}: workflow.mmd is not a flowchart"
    activities = activities_of(module)
    assert activities, f"{label}: defines no activities"
    missing = [name for name in activities if name not in diagram]
    assert not missing, f"{label}: diagram does not name activities {missing}"

    client = fake_client(
        reads={
            "get_config": CONFIGS,
            "get_secret": SECRETS,
            "get_projection": {"490317": None},
            "map_to_external": {"demo_partner": {"external": {"serviceOrderNumber": "490317"}, "valid": True, "issues": [], "degraded": False}},
            "list_invoices": {"data": [{"id": "INV-9", "number": "9", "balanceCents": 12000, "customerPhone": "+15550100008"}]},
        }
    )
    timeout = manifest.timeout_seconds or 900
    try:
        result, slept = asyncio.run(run_direct(cls, scenario.input, client))
    except ApplicationError as exc:
        assert scenario.outcome == "failed", f"{label}: unexpected failure {exc}"
        return f"ok   {label:34} fails in an activity: {exc}"
    assert scenario.outcome != "failed", f"{label}: expected an activity failure, got {result}"
    if scenario.outcome == "timed_out":
        assert slept > timeout, f"{label}: waits {slept}s, inside its {timeout}s timeout"
    else:
        assert slept < timeout, f"{label}: waits {slept}s, beyond its {timeout}s timeout"
    captured = {entry["capability"] for entry in client.captured}
    lacking = [c for c in scenario.captures if c not in captured]
    assert not lacking, f"{label}: expected captures {lacking}, got {sorted(captured)}"
    what = "outlasts its timeout" if scenario.outcome == "timed_out" else "completes"
    return f"ok   {label:34} {what} (timers {slept:.0f}s / timeout {timeout}s; captured {sorted(captured)})"


def main() -> int:
    """Check every project, stop at the first failure."""
    projects = project_dirs()
    for project in projects:
        try:
            print(check(project))
        except AssertionError as exc:
            print(f"FAIL {project.relative_to(DEMO_ROOT)}: {exc}")
            return 1
    print(f"{len(projects)} demo projects checked")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
