import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { landingPath } from "@/lib/permissions";
import { getPermissionSet } from "@/lib/permissions/server";

// The console has no dashboard: home is the first section the signed-in role may use, so a role
// without Workflows (an integration publisher) does not start on a "not available" page.
export default async function ConsoleHome() {
  let target: string | null = null;
  let failed = false;
  try {
    target = landingPath(await getPermissionSet());
  } catch {
    // The layout already reports that the sections could not be loaded; do not guess a section.
    failed = true;
  }
  if (target) redirect(target);
  return (
    <Card>
      <EmptyState title={failed ? "Sections could not be loaded" : "No section is available to your role"}>
        {failed
          ? "The Pegasus API did not answer. Reload to try again."
          : "Ask a tenant admin for a role that covers workflows, secrets or integrations."}
      </EmptyState>
    </Card>
  );
}
