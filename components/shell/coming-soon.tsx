import type { ReactNode } from "react";
import { Card, CardBody } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";

/** An honest placeholder: what this section will do, and that it is not built yet. */
export function ComingSoon({ children, items }: { children: ReactNode; items: string[] }) {
  return (
    <Card>
      <CardBody>
        <Badge tone="warning">Not built yet</Badge>
        <div className="mt-3 max-w-prose text-sm text-slate-700 dark:text-slate-300">{children}</div>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
