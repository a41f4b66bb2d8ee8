import { Card } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-6">
      <Card>
        <SkeletonRows rows={3} label="Loading missing variables" />
      </Card>
      <Card>
        <SkeletonRows rows={5} label="Loading secrets and config" />
      </Card>
    </div>
  );
}
