"""Damage claim intake.

Input ``{"claimId", "moveId", "claimedCents", "customerPhone"}``. A claim above
the configured coverage limit is refused by ``verify_claim_coverage`` with a
non-retryable error, which fails the run: an adjuster takes it from there.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio.common import RetryPolicy
from temporalio.exceptions import ApplicationError

from pegasus_workflows import activity, pegasus_workflow, workflow

with workflow.unsafe.imports_passed_through():
    from pegasus_workflows.api import PegasusClient


def resolve_claim(arg: Any) -> dict[str, Any]:
    """Normalise the three start shapes (event, manual run, CLI test) to claim fields."""
    if isinstance(arg, str):
        return {"claimId": arg}
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
async def load_claim_policy(claim: dict[str, Any]) -> dict[str, Any]:
    """The coverage limit that applies to this claim."""
    client = PegasusClient.from_runtime()
    limit = int(client.get_config("CLAIMS_COVERAGE_LIMIT_CENTS", group="claims"))
    return {**claim, "coverageLimitCents": limit}


@activity.defn
async def verify_claim_coverage(claim: dict[str, Any]) -> dict[str, Any]:
    """Refuse claims above the coverage limit; they need an adjuster."""
    claimed = int(claim.get("claimedCents") or 0)
    limit = int(claim["coverageLimitCents"])
    if claimed > limit:
        raise ApplicationError(
            f"Claim {claim.get('claimId')} asks for {format_dollars(claimed)}, above the "
            f"{format_dollars(limit)} coverage limit: route it to a claims adjuster",
            type="CoverageLimitExceeded",
            non_retryable=True,
        )
    return {**claim, "covered": True}


@activity.defn
async def open_claim_in_portal(claim: dict[str, Any]) -> dict[str, Any]:
    """Register the claim with the insurer's portal."""
    client = PegasusClient.from_runtime()
    token = client.get_secret("CLAIMS_PORTAL_TOKEN", group="claims")
    client.record_side_effect(
        "claims_portal.open",
        {"claimId": claim.get("claimId"), "claimedCents": claim.get("claimedCents")},
    )
    return {"portalCase": f"case-{claim.get('claimId')}", "tokenLoaded": bool(token)}


@activity.defn
async def send_claim_received_sms(claim: dict[str, Any]) -> dict[str, Any]:
    """Confirm to the customer that the claim is open."""
    if not claim.get("customerPhone"):
        return {"skipped": "no_phone_on_claim"}
    client = PegasusClient.from_runtime()
    return client.send_sms(
        to=str(claim["customerPhone"]),
        body=f"Atlas Moving: we received claim {claim.get('claimId')} and will be in touch.",
        dedup_key=f"claim-received:{claim.get('claimId')}",
    )


@pegasus_workflow(
    name="damage-claim-intake",
    version="0.1.0",
    description="Check a damage claim against the coverage limit, open it in the claims portal and confirm by SMS.",
)
class DamageClaimIntake:
    """Take in one damage claim."""

    @workflow.run
    async def run(self, arg: Any = None) -> dict[str, Any]:
        claim = resolve_claim(arg)
        once = RetryPolicy(maximum_attempts=1)
        policy = await workflow.execute_activity(
            load_claim_policy, claim, start_to_close_timeout=timedelta(seconds=30)
        )
        covered = await workflow.execute_activity(
            verify_claim_coverage,
            policy,
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=once,
        )
        case = await workflow.execute_activity(
            open_claim_in_portal, covered, start_to_close_timeout=timedelta(seconds=30)
        )
        sms = await workflow.execute_activity(
            send_claim_received_sms, covered, start_to_close_timeout=timedelta(seconds=30)
        )
        return {"claimId": claim.get("claimId"), "case": case, "sms": sms}
