"""A sandbox utility workflow that grows a history to a requested number of events.

Used by ``sandbox/scripts/large-history.ts`` to give the console a near-cap history
(Temporal's hard limit is 51,200 events). Activities and timers run in parallel batches,
so the history looks like a busy real workflow: scheduled/started/completed triples,
timers, and workflow-task rows in between.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from temporalio import activity, workflow
from temporalio.common import RetryPolicy

LARGE_HISTORY_TYPE = "sandbox-large-history"


@activity.defn(name="record_batch_item")
async def record_batch_item(index: int) -> int:
    return index


@workflow.defn(name=LARGE_HISTORY_TYPE)
class LargeHistoryWorkflow:
    @workflow.run
    async def run(self, envelope: dict[str, Any]) -> dict[str, Any]:
        target = int((envelope.get("input") or {}).get("events", 20000))
        # leave room for the final workflow task and the completion event
        goal = target - 4
        n = 0
        while True:
            length = workflow.info().get_current_history_length()
            remaining = goal - length
            if remaining < 8:
                break
            # Timers are cheap for the dev server (2 events, no task dispatch); activities cost 3 events
            # plus up to 3 for the workflow task their completion wakes. Big rounds while far from
            # the target, then single small steps so the total lands just under it.
            if remaining > 1600:
                acts, timers = 60, 500
            else:
                acts, timers = max(1, min(60, remaining // 8)), 0
            jobs = [
                workflow.execute_activity(
                    record_batch_item,
                    n + i,
                    start_to_close_timeout=timedelta(seconds=30),
                    retry_policy=RetryPolicy(maximum_attempts=1),
                )
                for i in range(acts)
            ]
            jobs += [workflow.sleep(0.001) for _ in range(timers)]
            await asyncio.gather(*jobs)
            n += acts
        return {"activities": n, "historyLength": workflow.info().get_current_history_length()}
