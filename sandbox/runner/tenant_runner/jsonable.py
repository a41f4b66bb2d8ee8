"""Turn activity arguments and results into plain JSON values (for traces and results)."""

from __future__ import annotations

import json
from typing import Any

from temporalio.converter import AdvancedJSONEncoder


def to_jsonable(value: Any) -> Any:
    """Round-trip through Temporal's JSON encoder (dataclasses, pydantic, datetimes...)."""
    try:
        return json.loads(json.dumps(value, cls=AdvancedJSONEncoder))
    except (TypeError, ValueError):
        return repr(value)
