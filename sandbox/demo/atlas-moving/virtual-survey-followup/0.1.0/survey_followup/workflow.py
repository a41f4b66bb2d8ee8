"""Virtual survey follow-up.

Texts the customer the photo-upload link, waits for the photos to arrive
(``waitSeconds``, default 120), then estimates the load from the room count.
The manifest caps a run at 30 s, so with the default wait the platform stops
the run: TIMED_OUT.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pegasus_workflows import activity, pegasus_workflow, workflow

with workflow.unsafe.imports_passed_through():
    from pegasus_workflows.api import PegasusClient

#: Cubic feet per furnished room, the estimators' rule of thumb.
CUBIC_FEET_PER_ROOM = 150


def resolve_survey(arg: Any) -> dict[str, Any]:
    """Normalise the three start shapes (event, manual run, CLI test) to survey fields."""
    if isinstance(arg, str):
        return {"surveyId": arg}
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
async def request_survey_photos(survey: dict[str, Any]) -> dict[str, Any]:
    """Text the customer the upload link."""
    client = PegasusClient.from_runtime()
    link = client.get_config("SURVEY_UPLOAD_LINK", group="surveys")
    if not survey.get("customerPhone"):
        return {"skipped": "no_phone_on_survey"}
    return client.send_sms(
        to=str(survey["customerPhone"]),
        body=f"Atlas Moving: please upload photos of each room here: {link}",
        dedup_key=f"survey-photos:{survey.get('surveyId')}",
    )


@activity.defn
async def estimate_load_from_photos(survey: dict[str, Any]) -> dict[str, Any]:
    """Rough load estimate once the photos are in."""
    rooms = int(survey.get("rooms") or 1)
    return {"surveyId": survey.get("surveyId"), "estimatedCubicFeet": rooms * CUBIC_FEET_PER_ROOM}


@pegasus_workflow(
    name="virtual-survey-followup",
    version="0.1.0",
    description="Ask the customer for survey photos, wait for the upload, then estimate the load.",
)
class VirtualSurveyFollowup:
    """Chase the photos of one virtual survey."""

    @workflow.run
    async def run(self, arg: Any = None) -> dict[str, Any]:
        survey = resolve_survey(arg)
        requested = await workflow.execute_activity(
            request_survey_photos, survey, start_to_close_timeout=timedelta(seconds=20)
        )
        await workflow.sleep(timedelta(seconds=int(survey.get("waitSeconds") or 120)))
        estimate = await workflow.execute_activity(
            estimate_load_from_photos, survey, start_to_close_timeout=timedelta(seconds=20)
        )
        return {"request": requested, "estimate": estimate}
