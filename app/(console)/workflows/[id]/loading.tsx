import { PreloadMermaid } from "@/components/diagram/preload-mermaid";
import { Card } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";

// The diagram needs mermaid's chunk: start its download while the page itself is still loading.
export default function Loading() {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <PreloadMermaid />
      <Card>
        <SkeletonRows rows={8} label="Loading the diagram" />
      </Card>
      <Card>
        <SkeletonRows rows={8} label="Loading the envelope" />
      </Card>
    </div>
  );
}
