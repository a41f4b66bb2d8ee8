import { Card } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <SkeletonRows rows={8} label="Loading the diagram" />
      </Card>
      <Card>
        <SkeletonRows rows={8} label="Loading the envelope" />
      </Card>
    </div>
  );
}
