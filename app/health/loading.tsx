import { PlainPage } from "@/components/shell/plain-page";
import { Card } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PlainPage wide>
      <Card>
        <SkeletonRows rows={4} label="Checking dependencies" />
      </Card>
    </PlainPage>
  );
}
