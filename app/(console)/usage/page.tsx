import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { UsagePage } from "@/components/usage/usage-page";
import { getUsageSummary } from "@/lib/pegasus/usage";
import { Prefetched } from "@/lib/queries/prefetch";
import { usageSummaryQuery } from "@/lib/queries/usage";
import { usageYearSchema } from "@/lib/schemas/usage";

export const metadata: Metadata = { title: "Usage" };

export default async function Usage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // A year that is not one is ignored: the page shows the current term instead of an error.
  const parsed = usageYearSchema.safeParse((await searchParams).year);
  const year = parsed.success ? parsed.data : undefined;
  return (
    <>
      <PageHeader title="Usage" description="Billable actions your automations performed this term, against your plan's pool." />
      <Prefetched
        prefetch={(queryClient, pegasus) =>
          queryClient.prefetchQuery({ ...usageSummaryQuery(year), queryFn: () => getUsageSummary(pegasus, year) })
        }
      >
        <UsagePage year={year} />
      </Prefetched>
    </>
  );
}
