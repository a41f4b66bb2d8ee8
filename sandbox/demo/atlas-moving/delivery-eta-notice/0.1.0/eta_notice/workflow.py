"""Delivery ETA notice.

Input ``{"moveId", "customerPhone", "milesRemaining"}`` or a ``move.status_changed``
event. Computes the arrival window and texts it to the customer.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pegasus_workflows import activity, pegasus_workflow, workflow

with workflow.unsafe.imports_passed_through():
    from pegasus_workflows.api import PegasusClient

#: Average highway speed of a loaded truck, miles per hour.
TRUCK_MPH = 50


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
async def compute_delivery_eta(move: dict[str, Any]) -> dict[str, Any]:
    """Arrival window in hours from the remaining distance."""
    miles = int(move.get("milesRemaining") or 0)
    hours = max(1, -(-miles // TRUCK_MPH))
    return {**move, "window": f"{hours}-{hours + 2} hours"}


@activity.defn
async def send_eta_sms(eta: dict[str, Any]) -> dict[str, Any]:
    """Text the arrival window to the customer."""
    if not eta.get("customerPhone"):
        return {"skipped": "no_phone_on_move"}
    client = PegasusClient.from_runtime()
    template = client.get_config("DELIVERY_ETA_SMS_TEMPLATE", group="notifications")
    return client.send_sms(to=str(eta["customerPhone"]), body=template.format(window=eta["window"]))


@pegasus_workflow(
    name="delivery-eta-notice",
    version="0.1.0",
    description="Work out the delivery ETA and text it to the customer.",
)
class DeliveryEtaNotice:
    """Tell the customer when the truck arrives."""

    @workflow.run
    async def run(self, arg: Any = None) -> dict[str, Any]:
        move = resolve_move(arg)
        eta = await workflow.execute_activity(
            compute_delivery_eta, move, start_to_close_timeout=timedelta(seconds=20)
        )
        sms = await workflow.execute_activity(
            send_eta_sms, eta, start_to_close_timeout=timedelta(seconds=20)
        )
        return {"moveId": move.get("moveId"), "window": eta["window"], "sms": sms}
