import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

// Below the `sm` breakpoint a stacked table lays each row out as a wrapping card (cells flow in
// reading order, column headers stay for screen readers), so nothing pushes a 390 px page sideways.
const STACKED = [
  "max-sm:block max-sm:[&_tbody]:block",
  "max-sm:[&_thead]:sr-only",
  "max-sm:[&_tbody>tr]:flex max-sm:[&_tbody>tr]:flex-wrap max-sm:[&_tbody>tr]:items-center max-sm:[&_tbody>tr]:gap-x-3 max-sm:[&_tbody>tr]:gap-y-1.5 max-sm:[&_tbody>tr]:px-4 max-sm:[&_tbody>tr]:py-3",
  "max-sm:[&_tbody>tr>td]:block max-sm:[&_tbody>tr>td]:min-w-0 max-sm:[&_tbody>tr>td]:p-0",
].join(" ");

/**
 * A data table that scrolls sideways inside its card when it must; `stacked` turns rows into
 * wrapping cards on narrow screens instead (give key cells `max-sm:order-*` to lead).
 */
export function Table({ className, stacked = false, ...rest }: HTMLAttributes<HTMLTableElement> & { stacked?: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className={cn("w-full border-collapse text-left text-sm", stacked && STACKED, className)} {...rest} />
    </div>
  );
}

export function THead(props: HTMLAttributes<HTMLTableSectionElement>) {
  return (
    <thead
      className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400"
      {...props}
    />
  );
}

export function TBody(props: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className="divide-y divide-slate-100 dark:divide-slate-800" {...props} />;
}

export function TR(props: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className="hover:bg-slate-50 dark:hover:bg-slate-800/50" {...props} />;
}

export function TH({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn("px-4 py-2 font-medium", className)} {...rest} />;
}

export function TD({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-4 py-2 align-top", className)} {...rest} />;
}
