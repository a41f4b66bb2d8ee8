"""Runner probe: one workflow whose path is chosen by its input, used by the sandbox tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pegasus_workflows import activity, pegasus_workflow, workflow
from temporalio.common import RetryPolicy


@activity.defn
async def load_order(order_id: str) -> dict[str, Any]:
    return {"orderId": order_id, "phone": "+15555550100"}


@activity.defn
async def explode(reason: str) -> None:
    raise RuntimeError(f"probe activity failed: {reason}")


@activity.defn
def notify_customer(phone: str, text: str) -> dict[str, Any]:
    from pegasus_workflows.api import PegasusClient

    client = PegasusClient.from_runtime()
    return client.send_sms(to=phone, body=text)


def _input(arg: Any) -> dict[str, Any]:
    if isinstance(arg, dict):
        inner = arg.get("input")
        if isinstance(inner, dict):
            return inner
        payload = arg.get("payload")
        if isinstance(payload, dict):
            return payload
    return {}


@pegasus_workflow(name="runner-probe", version="0.1.0")
class RunnerProbe:
    @workflow.run
    async def run(self, arg: dict[str, Any]) -> dict[str, Any]:
        data = _input(arg)
        mode = str(data.get("mode", "ok"))
        order = await workflow.execute_activity(
            load_order, str(data.get("orderId", "o-1")), start_to_close_timeout=timedelta(seconds=10)
        )
        if mode == "fail":
            await workflow.execute_activity(
                explode,
                "requested by input",
                start_to_close_timeout=timedelta(seconds=10),
                retry_policy=RetryPolicy(maximum_attempts=2, initial_interval=timedelta(milliseconds=200)),
            )
        if mode == "retry":
            # a step that fails retryably, with retries far enough apart to watch them pending
            await workflow.execute_activity(
                explode,
                "retry requested by input",
                start_to_close_timeout=timedelta(seconds=10),
                retry_policy=RetryPolicy(
                    maximum_attempts=int(data.get("attempts", 4)),
                    initial_interval=timedelta(seconds=float(data.get("retrySeconds", 20))),
                    backoff_coefficient=1.0,
                ),
            )
        if mode == "sleep":
            await workflow.sleep(timedelta(seconds=float(data.get("seconds", 300))))
        sms = None
        if data.get("sms"):
            sms = await workflow.execute_activity(
                notify_customer,
                args=[order["phone"], f"Order {order['orderId']} is on its way"],
                start_to_close_timeout=timedelta(seconds=10),
            )
        return {"mode": mode, "order": order["orderId"], "sms": sms, "at": workflow.now().isoformat()}
