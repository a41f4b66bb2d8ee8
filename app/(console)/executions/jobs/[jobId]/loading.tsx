import { Card } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <Card>
      <SkeletonRows rows={4} label="Loading the job" />
    </Card>
  );
}
