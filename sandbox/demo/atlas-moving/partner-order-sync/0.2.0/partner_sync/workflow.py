"""Partner order sync (Demo Partner), 0.2.0.

Maps one of our orders into the partner's shape with the published
``demo_partner`` integration config, skips the write when the partner already
holds exactly that, and otherwise mirrors it into the projection cache bound
to our own order number (so later runs can read it back by our id).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pegasus_workflows import activity, pegasus_workflow, workflow

with workflow.unsafe.imports_passed_through():
    from pegasus_workflows.api import PegasusClient

INTEGRATION = "demo_partner"
ENTITY_TYPE = "order"


def resolve_order(arg: Any) -> dict[str, Any]:
    """Event envelope, manual run or CLI test → ``{orderNumber, order}``."""
    if isinstance(arg, str):
        return {"orderNumber": arg, "order": {}}
    if not isinstance(arg, dict):
        return {"order": {}}
    fields = arg.get("payload") if isinstance(arg.get("payload"), dict) else None
    if fields is None:
        fields = arg.get("input") if isinstance(arg.get("input"), dict) else arg
    order = fields.get("order") if isinstance(fields.get("order"), dict) else {}
    service_order = order.get("ServiceOrder") if isinstance(order.get("ServiceOrder"), dict) else {}
    number = fields.get("orderNumber") or service_order.get("Number") or order.get("Id")
    return {"orderNumber": str(number or "order-unknown"), "order": order}


@activity.defn
async def load_cached_partner_order(request: dict[str, Any]) -> dict[str, Any] | None:
    """What the partner last acknowledged for this order, if anything."""
    client = PegasusClient.from_runtime()
    return client.get_projection(INTEGRATION, ENTITY_TYPE, request["orderNumber"])


@activity.defn
async def map_order_for_partner(request: dict[str, Any]) -> dict[str, Any]:
    """Run the published demo_partner mapping over our order, for the configured action."""
    client = PegasusClient.from_runtime()
    action = client.get_config("DEMO_PARTNER_SYNC_ACTION", group="demo_partner")
    return client.map_to_external(INTEGRATION, request["order"], action=action)


@activity.defn
async def cache_partner_order(update: dict[str, Any]) -> dict[str, Any]:
    """Mirror the partner's copy into the cache, bound to our order number."""
    client = PegasusClient.from_runtime()
    row = client.put_projection(
        INTEGRATION,
        ENTITY_TYPE,
        update["orderNumber"],
        update["state"],
        local_entity_type="order",
        local_entity_id=update["orderNumber"],
    )
    correlation = row.get("correlation") or {}
    return {
        "entityKey": row.get("entityKey"),
        "version": row.get("version"),
        "correlation": correlation.get("outcome"),
    }


@pegasus_workflow(
    name="partner-order-sync",
    version="0.2.0",
    description="Sync changed orders to Demo Partner's projection cache, correlated to our order numbers.",
)
class PartnerOrderSync:
    """Sync one order to the Demo Partner projection cache when it changed."""

    @workflow.run
    async def run(self, arg: Any = None) -> dict[str, Any]:
        request = resolve_order(arg)
        prior = await workflow.execute_activity(
            load_cached_partner_order, request, start_to_close_timeout=timedelta(seconds=30)
        )
        mapped = await workflow.execute_activity(
            map_order_for_partner, request, start_to_close_timeout=timedelta(seconds=30)
        )
        external = mapped.get("external")
        if prior is not None and prior.get("state") == external:
            return {"orderNumber": request["orderNumber"], "skipped": "unchanged"}
        cached = await workflow.execute_activity(
            cache_partner_order,
            {"orderNumber": request["orderNumber"], "state": external},
            start_to_close_timeout=timedelta(seconds=30),
        )
        return {
            "orderNumber": request["orderNumber"],
            "hadPrior": prior is not None,
            "valid": mapped.get("valid"),
            "issues": mapped.get("issues", []),
            "projection": cached,
        }
