"""Order saved → SMS confirmation to the customer, outside quiet hours.

Started by the custom ``order.saved`` event the office system emits.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pegasus_workflows import activity, pegasus_workflow, workflow

with workflow.unsafe.imports_passed_through():
    from pegasus_workflows.api import PegasusApiError, PegasusClient


def resolve_order(arg: Any) -> dict[str, Any]:
    """Normalise the three start shapes (event, manual run, CLI test) to order fields."""
    if isinstance(arg, str):
        return {"orderId": arg}
    if not isinstance(arg, dict):
        return {}
    payload = arg.get("payload")
    if isinstance(payload, dict):
        return dict(payload)
    manual = arg.get("input")
    if isinstance(manual, dict):
        return dict(manual)
    return dict(arg)


def in_quiet_hours(spec: str, hour: int) -> bool:
    """``"22-7"`` wraps midnight; ``"12-13"`` does not; an empty spec is never quiet."""
    if not spec.strip():
        return False
    start_text, _, end_text = spec.partition("-")
    start, end = int(start_text), int(end_text)
    if start <= end:
        return start <= hour < end
    return hour >= start or hour < end


@activity.defn
async def check_quiet_hours(request: dict[str, Any]) -> dict[str, Any]:
    """Is it quiet time for the office right now (UTC)?"""
    client = PegasusClient.from_runtime()
    try:
        spec = client.get_config("QUIET_HOURS", group="notifications")
    except PegasusApiError as exc:
        if exc.status_code != 404:
            raise
        spec = ""  # not configured: the office texts around the clock
    return {"quiet": in_quiet_hours(spec, int(request["hour"])), "spec": spec}


@activity.defn
async def load_order_sms_template(order: dict[str, Any]) -> dict[str, Any]:
    """Fill the office's confirmation template for this order."""
    client = PegasusClient.from_runtime()
    template = client.get_config("ORDER_SAVED_SMS_TEMPLATE", group="notifications")
    return {
        "orderId": str(order.get("orderId") or "order-unknown"),
        "revision": order.get("revision", 1),
        "customerPhone": order.get("customerPhone"),
        "body": template.format(order=order.get("orderId") or ""),
    }


@activity.defn
async def send_order_confirmation_sms(message: dict[str, Any]) -> dict[str, Any]:
    """Send the confirmation text, once per order revision."""
    if not message.get("customerPhone"):
        return {"skipped": "no_phone_on_order"}
    client = PegasusClient.from_runtime()
    return client.send_sms(
        to=str(message["customerPhone"]),
        body=message["body"],
        dedup_key=f"order-saved:{message['orderId']}:{message['revision']}",
    )


@pegasus_workflow(
    name="order-saved-sms",
    version="0.2.0",
    description="Text the customer a confirmation when their moving order is saved, outside quiet hours.",
)
class OrderSavedSms:
    """Confirm a saved order by SMS unless it is quiet time."""

    @workflow.run
    async def run(self, arg: Any = None) -> dict[str, Any]:
        order = resolve_order(arg)
        quiet = await workflow.execute_activity(
            check_quiet_hours,
            {"hour": workflow.now().hour},
            start_to_close_timeout=timedelta(seconds=30),
        )
        if quiet["quiet"]:
            return {"orderId": order.get("orderId"), "skipped": "quiet_hours"}
        message = await workflow.execute_activity(
            load_order_sms_template, order, start_to_close_timeout=timedelta(seconds=30)
        )
        sent = await workflow.execute_activity(
            send_order_confirmation_sms, message, start_to_close_timeout=timedelta(seconds=30)
        )
        return {"orderId": message["orderId"], "sms": sent}
