import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/** Shown when a signed-in user opens a section their roles do not cover. */
export function NoAccess({ section, needs }: { section: string; needs: string }) {
  return (
    <Card>
      <EmptyState title={`${section} is not available to your role`}>
        It needs the <code className="font-mono">{needs}</code> permission. Ask a tenant admin if you need access.
      </EmptyState>
    </Card>
  );
}
