"""Move status digest (platform library).

Input ``{"moves": [{"moveId", "status"}, ...]}`` (a schedule tick or a manual
run). Groups the moves by status, then texts one line per status group to the
office, pausing between texts to stay under the SMS rate limit.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pegasus_workflows import activity, pegasus_workflow, workflow

with workflow.unsafe.imports_passed_through():
    from temporalio.common import RetryPolicy

    from pegasus_workflows.api import PegasusClient

#: Pause between two digest texts (the provider's per-number rate limit).
SMS_SPACING = timedelta(seconds=2)

#: A text the provider refused (too long, bad number) is refused again on every retry, so a digest
#: line gets three attempts (a second apart, then two) and then the run fails instead of retrying
#: forever under Temporal's default policy.
SMS_RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_attempts=3)


def resolve_moves(arg: Any) -> list[dict[str, Any]]:
    """The moves to summarise, from a manual run, schedule tick or event."""
    if not isinstance(arg, dict):
        return []
    fields = arg.get("payload") if isinstance(arg.get("payload"), dict) else arg.get("input")
    if not isinstance(fields, dict):
        fields = arg
    moves = fields.get("moves")
    return [m for m in moves if isinstance(m, dict)] if isinstance(moves, list) else []


@activity.defn
async def group_moves_by_status(moves: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Status → move ids, statuses in alphabetical order."""
    groups: dict[str, list[str]] = {}
    for move in moves:
        groups.setdefault(str(move.get("status") or "UNKNOWN"), []).append(str(move.get("moveId")))
    return dict(sorted(groups.items()))


@activity.defn
async def load_digest_recipient(_: dict[str, Any]) -> str:
    """The office phone that gets the digest."""
    client = PegasusClient.from_runtime()
    return client.get_config("DIGEST_RECIPIENT_PHONE", group="notifications")


@activity.defn
async def send_digest_sms(line: dict[str, Any]) -> dict[str, Any]:
    """Text one digest line to the office."""
    client = PegasusClient.from_runtime()
    return client.send_sms(to=line["to"], body=line["body"])


@pegasus_workflow(
    name="move-status-digest",
    version="1.0.0",
    description="Platform library: group the tenant's moves by status and text the office a morning digest.",
)
class MoveStatusDigest:
    """Morning digest of move statuses."""

    @workflow.run
    async def run(self, arg: Any = None) -> dict[str, Any]:
        moves = resolve_moves(arg)
        groups = await workflow.execute_activity(
            group_moves_by_status, moves, start_to_close_timeout=timedelta(seconds=20)
        )
        if not groups:
            return {"statuses": 0, "texts": 0}
        recipient = await workflow.execute_activity(
            load_digest_recipient, {}, start_to_close_timeout=timedelta(seconds=20)
        )
        sent = 0
        for status, move_ids in groups.items():
            if sent:
                await workflow.sleep(SMS_SPACING)
            await workflow.execute_activity(
                send_digest_sms,
                {"to": recipient, "body": f"{status}: {len(move_ids)} move(s) ({', '.join(move_ids)})"},
                start_to_close_timeout=timedelta(seconds=20),
                retry_policy=SMS_RETRY,
            )
            sent += 1
        return {"statuses": len(groups), "texts": sent}
