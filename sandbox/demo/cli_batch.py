"""Run a batch of ``pegasus-workflows`` commands in ONE Python process.

The demo seed publishes ~35 things with the real CLI. Spawning the console script
for each costs ~0.6 s of CPU in interpreter start-up and imports alone, which on a
shared two-core machine blows the seed's time budget. This driver invokes the very
same Typer application (``pegasus_workflows.cli.app``, what the ``pegasus-workflows``
script runs) once per command through Click's test runner, which gives each command
its own argv, environment and captured stdout/stderr.

Protocol (so tokens never appear in a process listing):

* stdin: ``{"baseUrl": str, "commands": [{"args": [str], "token": str}]}``
* stdout: ``{"results": [{"exitCode", "stdout", "stderr"}]}``, one per command run, in
  order (arguments are not echoed: a ``secrets set`` carries a value); it stops after the
  first command that exits non-zero (later commands depend on earlier ones).

Credentials reach each command exactly as with a spawned CLI: through
``PEGASUS_WORKFLOW_TOKEN`` / ``PEGASUS_BASE_URL``. The caller points ``HOME`` and
the working directory at a throw-away folder so no credential profile is read.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any

from typer.testing import CliRunner

from pegasus_workflows.cli import app


def run_batch(request: dict[str, Any]) -> list[dict[str, Any]]:
    """Run each command in order; stop after the first failure."""
    runner = CliRunner()
    results: list[dict[str, Any]] = []
    for command in request["commands"]:
        env = {
            "PEGASUS_WORKFLOW_TOKEN": command["token"],
            "PEGASUS_BASE_URL": request["baseUrl"],
            "PEGASUS_CREDENTIALS_FILE": None,
            "NO_COLOR": "1",
        }
        outcome = runner.invoke(app, command["args"], env=env, catch_exceptions=True)
        stderr = outcome.stderr
        if outcome.exception is not None and not isinstance(outcome.exception, SystemExit):
            stderr += "".join(traceback.format_exception(outcome.exception))
        results.append(
            {
                "exitCode": outcome.exit_code,
                "stdout": outcome.stdout,
                "stderr": stderr,
            }
        )
        if outcome.exit_code != 0:
            break
    return results


def main() -> int:
    """Read the batch from stdin, print the results as JSON."""
    request = json.load(sys.stdin)
    json.dump({"results": run_batch(request)}, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
