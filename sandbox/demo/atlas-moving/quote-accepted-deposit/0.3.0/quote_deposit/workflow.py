"""Quote accepted → charge the booking deposit → receipt → ``deposit.charged``.

Started by the ``quote.accepted`` domain event (or by hand from the console).
Quotes too small for a deposit are left for moving day; nothing is charged.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from pegasus_workflows import activity, pegasus_workflow, workflow

with workflow.unsafe.imports_passed_through():
    from pegasus_workflows.api import PegasusClient

#: Quotes whose deposit would be below this are collected on moving day.
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


def format_dollars(cents: int) -> str:
    """1234567 → "$12,345.67"."""
    return f"${cents / 100:,.2f}"


@activity.defn
async def compute_deposit(quote: dict[str, Any]) -> dict[str, Any]:
    """Work out the deposit from the quote total and the configured percentage."""
    client = PegasusClient.from_runtime()
    percent = int(client.get_config("DEPOSIT_PERCENT", group="billing"))
    total = int(quote.get("totalCents") or 0)
    deposit = total * percent // 100
    return {
        "quoteId": str(quote.get("quoteId") or "quote-unknown"),
        "moveId": quote.get("moveId"),
        "customerPhone": quote.get("customerPhone"),
        "percent": percent,
        "depositCents": deposit,
        "chargeable": deposit >= MINIMUM_DEPOSIT_CENTS,
    }


@activity.defn
async def charge_deposit(deposit: dict[str, Any]) -> dict[str, Any]:
    """Charge the deposit on the card the customer left with the quote."""
    client = PegasusClient.from_runtime()
    api_key = client.get_secret("PAYMENTS_API_KEY", group="billing")
    merchant = client.get_config("PAYMENTS_MERCHANT_ID", group="billing")
    # The processor is idempotent on this reference, so a retried activity never
    # charges twice.
    reference = "dep_" + hashlib.sha256(deposit["quoteId"].encode()).hexdigest()[:16]
    client.record_side_effect(
        "payments.charge",
        {"reference": reference, "merchant": merchant, "amountCents": deposit["depositCents"]},
    )
    return {
        "chargeReference": reference,
        "merchant": merchant,
        "amountCents": deposit["depositCents"],
        "processorKeyLoaded": bool(api_key),
        "status": "charged",
    }


@activity.defn
async def send_deposit_receipt_sms(receipt: dict[str, Any]) -> dict[str, Any]:
    """Text the customer that the deposit went through."""
    phone = receipt.get("customerPhone")
    if not phone:
        return {"skipped": "no_phone_on_quote"}
    client = PegasusClient.from_runtime()
    template = client.get_config("RECEIPT_SMS_TEMPLATE", group="notifications")
    body = template.format(
        amount=format_dollars(int(receipt["amountCents"])),
        reference=receipt["chargeReference"],
    )
    return client.send_sms(
        to=str(phone), body=body, dedup_key=f"deposit-receipt:{receipt['chargeReference']}"
    )


@activity.defn
async def announce_deposit_charged(charged: dict[str, Any]) -> dict[str, Any]:
    """Emit ``deposit.charged`` so crew dispatch can schedule the move."""
    client = PegasusClient.from_runtime()
    return client.emit_event(
        "deposit.charged",
        {
            "quoteId": charged["quoteId"],
            "moveId": charged.get("moveId"),
            "chargeReference": charged["chargeReference"],
        },
    )


@pegasus_workflow(
    name="quote-accepted-deposit",
    version="0.3.0",
    description="Charge the booking deposit for an accepted quote, text a receipt and announce deposit.charged.",
)
class QuoteAcceptedDeposit:
    """Charge the deposit for an accepted quote, send the receipt, announce it."""

    @workflow.run
    async def run(self, arg: Any = None) -> dict[str, Any]:
        quote = resolve_quote(arg)
        deposit = await workflow.execute_activity(
            compute_deposit, quote, start_to_close_timeout=timedelta(seconds=30)
        )
        if not deposit["chargeable"]:
            return {"quoteId": deposit["quoteId"], "skipped": "deposit_below_minimum"}
        charge = await workflow.execute_activity(
            charge_deposit, deposit, start_to_close_timeout=timedelta(seconds=60)
        )
        sms = await workflow.execute_activity(
            send_deposit_receipt_sms,
            {**charge, "customerPhone": deposit.get("customerPhone")},
            start_to_close_timeout=timedelta(seconds=30),
        )
        event = await workflow.execute_activity(
            announce_deposit_charged,
            {**charge, "quoteId": deposit["quoteId"], "moveId": deposit.get("moveId")},
            start_to_close_timeout=timedelta(seconds=30),
        )
        return {"quoteId": deposit["quoteId"], "charge": charge, "receipt": sms, "event": event}
