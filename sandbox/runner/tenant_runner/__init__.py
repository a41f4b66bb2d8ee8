"""Sandbox tenant runner: executes uploaded Pegasus workflow artifacts on a Temporal worker.

Two shapes, as real Pegasus histories have them:
- direct (tenant lane): a catch-all proxy workflow whose only activity, ``run_tenant_entry_point``,
  runs the tenant class in a subprocess with workflow calls turned into direct calls;
- durable (curated GLOBAL workflows, or tenant workflows with SANDBOX_TENANT_DURABLE=1): the tenant
  class is a real Temporal workflow and each of its activities a real Temporal activity.
"""

#: Task queue of the direct-mode proxy (and of the sandbox's own utility workflows).
DIRECT_TASK_QUEUE = "pegasus-tenant-runner"
