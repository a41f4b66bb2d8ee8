import { PreloadMermaid } from "@/components/diagram/preload-mermaid";
import { Card } from "@/components/ui/card";
import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";

// The diagram needs mermaid's chunk: start its download while the page itself is still loading.
export default function Loading() {
  return (
    <div className="space-y-6">
      <PreloadMermaid />
      <Skeleton className="h-8 w-80" />
      <Card>
        <SkeletonRows rows={4} label="Loading the execution" />
      </Card>
      <Card>
        <SkeletonRows rows={8} label="Loading the history" />
      </Card>
    </div>
  );
}
