import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { BffClientError } from "@/lib/queries/fetcher";

/** A failed load inside a card, with the code and request id to quote and a retry. */
export function QueryFailure({ title, error, retry }: { title: string; error: Error; retry?: () => void }) {
  return (
    <Card>
      <ErrorState
        title={title}
        message={error.message}
        code={error instanceof BffClientError ? error.code : null}
        requestId={error instanceof BffClientError ? error.requestId : null}
        action={
          retry ? (
            <Button variant="secondary" size="sm" onClick={retry}>
              Try again
            </Button>
          ) : null
        }
      />
    </Card>
  );
}
