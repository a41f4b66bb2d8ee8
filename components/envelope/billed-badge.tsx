import Link from "next/link";
import { Badge } from "@/components/ui/badge";

/** What "billed" means, in the words the envelope and the usage page use. */
export const BILLABLE_EXPLANATION = "Each use is one billable action, counted against your plan's pool of actions for the term.";

/** "Billed" badge that says what a billable action is and links to the Usage page. */
export function BilledBadge({ note }: { note?: string }) {
  return (
    <Link
      href="/usage"
      title={`${BILLABLE_EXPLANATION} See Usage.`}
      className="rounded-full focus-visible:outline-2 focus-visible:outline-offset-2"
    >
      <Badge tone="warning">
        Billed{note ? ` — ${note}` : ""}
        <span className="sr-only">: {BILLABLE_EXPLANATION} See Usage.</span>
      </Badge>
    </Link>
  );
}
