"""Nightly billing follow-up.

Fired by a SCHEDULE trigger (``0 2 * * *`` UTC); a schedule tick passes
``{"scheduledAt", "schedule", "triggerId"}`` as the input. Can also be run by hand.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pegasus_workflows import activity, pegasus_workflow, workflow

with workflow.unsafe.imports_passed_through():
    from pegasus_workflows.api import PegasusApiError, PegasusClient

DEFAULT_REMINDER = "Atlas Moving: invoice {invoice} ({amount}) is past due. Reply PAY for a payment link."

#: Never text more than this many customers in one night.
MAX_REMINDERS_PER_NIGHT = 50


def resolve_tick(arg: Any) -> dict[str, Any]:
    """Schedule tick, manual run or CLI test → the tick fields (scheduledAt, …)."""
    if isinstance(arg, str):
        return {"scheduledAt": arg}
    if not isinstance(arg, dict):
        return {}
    manual = arg.get("input")
    if isinstance(manual, dict):
        return dict(manual)
    return dict(arg)


def format_dollars(cents: int) -> str:
    """1234567 → "$12,345.67"."""
    return f"${cents / 100:,.2f}"


@activity.defn
async def find_overdue_invoices(tick: dict[str, Any]) -> list[dict[str, Any]]:
    """Invoices unpaid past the grace period, oldest first."""
    client = PegasusClient.from_runtime()
    grace_days = int(client.get_config("BILLING_GRACE_DAYS", group="billing"))
    try:
        page = client.list_invoices(status="OVERDUE", overdueDays=grace_days)
    except PegasusApiError as exc:
        if exc.status_code != 404:
            raise
        return []  # invoicing not enabled for this tenant yet
    rows = page.get("data", []) if isinstance(page, dict) else list(page or [])
    return [row for row in rows if isinstance(row, dict)][:MAX_REMINDERS_PER_NIGHT]


@activity.defn
async def send_payment_reminder_sms(invoice: dict[str, Any]) -> dict[str, Any]:
    """Text one customer a payment reminder (at most once per invoice per night)."""
    phone = invoice.get("customerPhone")
    if not phone:
        return {"invoiceId": invoice.get("id"), "skipped": "no_phone"}
    client = PegasusClient.from_runtime()
    try:
        template = client.get_config("BILLING_REMINDER_TEMPLATE", group="notifications")
    except PegasusApiError as exc:
        if exc.status_code != 404:
            raise
        template = DEFAULT_REMINDER
    body = template.format(
        invoice=invoice.get("number") or invoice.get("id"),
        amount=format_dollars(int(invoice.get("balanceCents") or 0)),
    )
    night = str(invoice.get("night", ""))[:10]
    sent = client.send_sms(
        to=str(phone), body=body, dedup_key=f"billing-reminder:{invoice.get('id')}:{night}"
    )
    return {"invoiceId": invoice.get("id"), "sms": sent}


@activity.defn
async def summarize_followups(results: list[dict[str, Any]]) -> dict[str, Any]:
    """One line for the office's morning report."""
    sent = [r for r in results if "sms" in r]
    skipped = [r for r in results if "skipped" in r]
    return {"reminded": len(sent), "skipped": len(skipped)}


@pegasus_workflow(
    name="nightly-billing-followup",
    version="0.1.0",
    description="Every night, text a payment reminder for each invoice past the grace period.",
)
class NightlyBillingFollowup:
    """Remind customers with overdue invoices."""

    @workflow.run
    async def run(self, arg: Any = None) -> dict[str, Any]:
        tick = resolve_tick(arg)
        night = str(tick.get("scheduledAt") or workflow.now().isoformat())
        invoices = await workflow.execute_activity(
            find_overdue_invoices, tick, start_to_close_timeout=timedelta(seconds=60)
        )
        results = []
        for invoice in invoices:
            results.append(
                await workflow.execute_activity(
                    send_payment_reminder_sms,
                    {**invoice, "night": night},
                    start_to_close_timeout=timedelta(seconds=30),
                )
            )
        summary = await workflow.execute_activity(
            summarize_followups, results, start_to_close_timeout=timedelta(seconds=10)
        )
        return {"night": night, **summary}
