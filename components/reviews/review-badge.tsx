import { Badge } from "@/components/ui/badge";
import { REVIEW_STATE_LABELS, type ReviewState } from "@/lib/reviews/state";

const TONE = { reviewed: "success", "changes-requested": "danger", "not-reviewed": "neutral", "out-of-date": "warning" } as const;

/** The business-review state of a version, as a badge. */
export function ReviewBadge({ state }: { state: ReviewState }) {
  return (
    <span data-testid="review-state" data-state={state}>
      <Badge tone={TONE[state]}>{REVIEW_STATE_LABELS[state]}</Badge>
    </span>
  );
}
