"""Quote accepted → charge the booking deposit.

Started by the ``quote.accepted`` domain event (or by hand from the console).
The deposit share lives in config so the office can change it without a release;
the processor key is a secret and never leaves the activity.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from pegasus_workflows import activity, pegasus_workflow, workflow

with workflow.unsafe.imports_passed_through():
    from pegasus_workflows.api import PegasusClient

#: Below this the office collects the deposit on moving day instead.
MINIMUM_DEPOSIT_CENTS = 5_000


def resolve_quote(arg: Any) -> dict[str, Any]:
    """Normalise the three start shapes (event, manual run, CLI test) to quote fields."""
    if isinstance(arg, str):
        return {"quoteId": arg}
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
async def compute_deposit(quote: dict[str, Any]) -> dict[str, Any]:
    """Work out the deposit from the quote total and the configured percentage."""
    client = PegasusClient.from_runtime()
    percent = int(client.get_config("DEPOSIT_PERCENT", group="billing"))
    total = int(quote.get("totalCents") or 0)
    deposit = max(total * percent // 100, MINIMUM_DEPOSIT_CENTS)
    return {
        "quoteId": str(quote.get("quoteId") or "quote-unknown"),
        "customerId": quote.get("customerId"),
        "percent": percent,
        "depositCents": deposit,
    }


@activity.defn
async def charge_deposit(deposit: dict[str, Any]) -> dict[str, Any]:
    """Charge the deposit on the card the customer left with the quote."""
    client = PegasusClient.from_runtime()
    api_key = client.get_secret("PAYMENTS_API_KEY", group="billing")
    # The processor is idempotent on this reference, so a retried activity never
    # charges twice.
    reference = "dep_" + hashlib.sha256(deposit["quoteId"].encode()).hexdigest()[:16]
    client.record_side_effect(
        "payments.charge",
        {"reference": reference, "amountCents": deposit["depositCents"]},
    )
    return {
        "chargeReference": reference,
        "amountCents": deposit["depositCents"],
        "processorKeyLoaded": bool(api_key),
        "status": "charged",
    }


@pegasus_workflow(
    name="quote-accepted-deposit",
    version="0.1.0",
    description="When a customer accepts a quote, charge the booking deposit.",
)
class QuoteAcceptedDeposit:
    """Charge the deposit for an accepted quote."""

    @workflow.run
    async def run(self, arg: Any = None) -> dict[str, Any]:
        quote = resolve_quote(arg)
        deposit = await workflow.execute_activity(
            compute_deposit, quote, start_to_close_timeout=timedelta(seconds=30)
        )
        charge = await workflow.execute_activity(
            charge_deposit, deposit, start_to_close_timeout=timedelta(seconds=60)
        )
        return {"quoteId": deposit["quoteId"], "charge": charge}
