"""Crew dispatch for a booked move.

Assigns the on-duty crew, briefs the crew lead by SMS, waits for the truck
loading window (a durable timer of several minutes), then texts the customer
that the crew is on the way. Started by ``deposit.charged`` or by hand
(input ``{"moveId", "customerPhone", "waitMinutes"?}``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pegasus_workflows import activity, pegasus_workflow, workflow

with workflow.unsafe.imports_passed_through():
    from pegasus_workflows.api import PegasusClient

#: The platform stops every run at 900 s; keep the wait well inside it.
MAX_WAIT_MINUTES = 12


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
async def assign_crew(move: dict[str, Any]) -> dict[str, Any]:
    """Pick the on-duty crew and the loading window for this move."""
    client = PegasusClient.from_runtime()
    window = int(client.get_config("DISPATCH_LOADING_WINDOW_MINUTES", group="dispatch"))
    lead_phone = client.get_config("DISPATCH_CREW_LEAD_PHONE", group="dispatch")
    requested = move.get("waitMinutes")
    wait = int(requested) if requested is not None else window
    return {
        "moveId": str(move.get("moveId") or "move-unknown"),
        "crew": "crew-" + str(move.get("moveId") or "0")[-2:].rjust(2, "0"),
        "crewLeadPhone": lead_phone,
        "customerPhone": move.get("customerPhone"),
        "waitMinutes": max(0, min(wait, MAX_WAIT_MINUTES)),
    }


@activity.defn
async def notify_crew_lead(assignment: dict[str, Any]) -> dict[str, Any]:
    """Brief the crew lead by SMS."""
    client = PegasusClient.from_runtime()
    return client.send_sms(
        to=str(assignment["crewLeadPhone"]),
        body=(
            f"Atlas dispatch: {assignment['crew']} is on move {assignment['moveId']}. "
            f"Loading starts in {assignment['waitMinutes']} min."
        ),
        dedup_key=f"dispatch-brief:{assignment['moveId']}",
    )


@activity.defn
async def send_crew_on_the_way_sms(assignment: dict[str, Any]) -> dict[str, Any]:
    """Tell the customer the crew has left the depot."""
    if not assignment.get("customerPhone"):
        return {"skipped": "no_phone_on_move"}
    client = PegasusClient.from_runtime()
    return client.send_sms(
        to=str(assignment["customerPhone"]),
        body="Atlas Moving: your crew is on the way!",
        dedup_key=f"dispatch-on-the-way:{assignment['moveId']}",
    )


@pegasus_workflow(
    name="crew-dispatch",
    version="0.1.0",
    description="Assign a crew, brief the crew lead, wait for the loading window, then tell the customer the crew is on the way.",
)
class CrewDispatch:
    """Dispatch a crew for one move."""

    @workflow.run
    async def run(self, arg: Any = None) -> dict[str, Any]:
        move = resolve_move(arg)
        assignment = await workflow.execute_activity(
            assign_crew, move, start_to_close_timeout=timedelta(seconds=30)
        )
        briefed = await workflow.execute_activity(
            notify_crew_lead, assignment, start_to_close_timeout=timedelta(seconds=30)
        )
        # Wait out the loading window one minute at a time so the history shows
        # the progress of the wait.
        for _ in range(assignment["waitMinutes"]):
            await workflow.sleep(timedelta(minutes=1))
        departed = await workflow.execute_activity(
            send_crew_on_the_way_sms, assignment, start_to_close_timeout=timedelta(seconds=30)
        )
        return {
            "moveId": assignment["moveId"],
            "crew": assignment["crew"],
            "waitedMinutes": assignment["waitMinutes"],
            "briefing": briefed,
            "customerSms": departed,
        }
