"""Move milestone notifier (platform library), 1.1.0.

Bound to ``move.status_changed``: texts the customer the move's new status
with the tenant's own template, for the statuses the tenant opted into.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pegasus_workflows import activity, pegasus_workflow, workflow

with workflow.unsafe.imports_passed_through():
    from pegasus_workflows.api import PegasusClient


def resolve_move(arg: Any) -> dict[str, Any]:
    """Normalise the three start shapes (event, manual run, CLI test) to move fields."""
    if isinstance(arg, str):
        return {"moveId": arg}
    if not isinstance(arg, dict):
        return {}
    payload = arg.get("payload")
    if isinstance(payload, dict):
        return dict(payload)
    manual = arg.get("input")
    if isinstance(manual, dict):
        return dict(manual)
    return dict(arg)


@activity.defn
async def check_milestone_opt_in(move: dict[str, Any]) -> dict[str, Any]:
    """Is this status one the tenant wants texted?"""
    client = PegasusClient.from_runtime()
    wanted = client.get_config("MILESTONE_STATUSES", group="notifications")
    statuses = {s.strip().upper() for s in wanted.split(",") if s.strip()}
    return {"notify": str(move.get("status") or "").upper() in statuses}


@activity.defn
async def load_milestone_template(move: dict[str, Any]) -> dict[str, Any]:
    """Fill the tenant's milestone template."""
    client = PegasusClient.from_runtime()
    template = client.get_config("MILESTONE_SMS_TEMPLATE", group="notifications")
    status = str(move.get("status") or "UPDATED")
    return {
        **move,
        "body": template.format(status=status.replace("_", " ").lower(), move=move.get("moveId")),
    }


@activity.defn
async def send_milestone_sms(message: dict[str, Any]) -> dict[str, Any]:
    """Send the milestone text, once per move and status."""
    if not message.get("customerPhone"):
        return {"skipped": "no_phone_on_move"}
    client = PegasusClient.from_runtime()
    return client.send_sms(
        to=str(message["customerPhone"]),
        body=message["body"],
        dedup_key=f"milestone:{message.get('moveId')}:{message.get('status')}",
    )


@pegasus_workflow(
    name="move-milestone-notifier",
    version="1.1.0",
    description="Platform library: text the customer when their move reaches a milestone the tenant chose.",
)
class MoveMilestoneNotifier:
    """Text the customer at the milestones the tenant opted into."""

    @workflow.run
    async def run(self, arg: Any = None) -> dict[str, Any]:
        move = resolve_move(arg)
        opt_in = await workflow.execute_activity(
            check_milestone_opt_in, move, start_to_close_timeout=timedelta(seconds=20)
        )
        if not opt_in["notify"]:
            return {"moveId": move.get("moveId"), "skipped": "status_not_opted_in"}
        message = await workflow.execute_activity(
            load_milestone_template, move, start_to_close_timeout=timedelta(seconds=20)
        )
        sms = await workflow.execute_activity(
            send_milestone_sms, message, start_to_close_timeout=timedelta(seconds=20)
        )
        return {"moveId": move.get("moveId"), "status": move.get("status"), "sms": sms}
