import type { ReactNode } from "react";
import { Table, TBody, TH, THead } from "@/components/ui/table";

/** One group's table of variables (secrets or config): heading, column headers, an unlabelled actions column. */
export function GroupTable({
  noun,
  group,
  columns,
  children,
}: {
  noun: string;
  group: string;
  columns: readonly { label: string; width: string }[];
  children: ReactNode;
}) {
  return (
    <section aria-label={`${noun} in group ${group}`} className="border-t border-slate-100 first:border-t-0 dark:border-slate-800">
      <h3 className="px-4 pt-3 text-xs font-semibold text-slate-500">
        <span className="uppercase tracking-wide">Group</span> <span className="font-mono">{group}</span>
      </h3>
      <Table className="table-fixed" stacked aria-label={`${noun} in ${group}`}>
        <THead>
          <tr>
            {columns.map((column) => (
              <TH key={column.label} className={column.width}>
                {column.label}
              </TH>
            ))}
            <TH className="w-[15%]">
              <span className="sr-only">Actions</span>
            </TH>
          </tr>
        </THead>
        <TBody>{children}</TBody>
      </Table>
    </section>
  );
}
