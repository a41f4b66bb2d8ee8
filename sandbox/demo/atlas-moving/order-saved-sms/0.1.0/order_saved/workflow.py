"""Order saved → SMS confirmation to the customer.

Started by the custom ``order.saved`` event the office system emits.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pegasus_workflows import activity, pegasus_workflow, workflow

with workflow.unsafe.imports_passed_through():
    from pegasus_workflows.api import PegasusClient


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


@activity.defn
async def load_order_sms_template(order: dict[str, Any]) -> dict[str, Any]:
    """Fill the office's confirmation template for this order."""
    client = PegasusClient.from_runtime()
    template = client.get_config("ORDER_SAVED_SMS_TEMPLATE", group="notifications")
    return {
        "orderId": str(order.get("orderId") or "order-unknown"),
        "customerPhone": order.get("customerPhone"),
        "body": template.format(order=order.get("orderId") or ""),
    }


@activity.defn
async def send_order_confirmation_sms(message: dict[str, Any]) -> dict[str, Any]:
    """Send the confirmation text."""
    if not message.get("customerPhone"):
        return {"skipped": "no_phone_on_order"}
    client = PegasusClient.from_runtime()
    return client.send_sms(to=str(message["customerPhone"]), body=message["body"])


@pegasus_workflow(
    name="order-saved-sms",
    version="0.1.0",
    description="Text the customer a confirmation whenever their moving order is saved.",
)
class OrderSavedSms:
    """Confirm a saved order by SMS."""

    @workflow.run
    async def run(self, arg: Any = None) -> dict[str, Any]:
        order = resolve_order(arg)
        message = await workflow.execute_activity(
            load_order_sms_template, order, start_to_close_timeout=timedelta(seconds=30)
        )
        sent = await workflow.execute_activity(
            send_order_confirmation_sms, message, start_to_close_timeout=timedelta(seconds=30)
        )
        return {"orderId": message["orderId"], "sms": sent}
