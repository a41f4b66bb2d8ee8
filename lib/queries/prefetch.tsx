import "server-only";
import { dehydrate, HydrationBoundary, type QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { getUserPegasusClient, type PegasusClient } from "@/lib/pegasus";
import { makeQueryClient } from "./query-client";

/**
 * The page layer's one prefetch step: runs `prefetch` with a request-scoped QueryClient and the
 * user's upstream client, then hands the dehydrated cache to the client components below. A failed
 * prefetch is not an error here: the client's own query shows it with a retry.
 */
export async function Prefetched({
  prefetch,
  children,
}: {
  prefetch: (queryClient: QueryClient, pegasus: PegasusClient) => Promise<unknown>;
  children: ReactNode;
}) {
  const queryClient = makeQueryClient();
  const pegasus = await getUserPegasusClient();
  if (pegasus) await prefetch(queryClient, pegasus);
  return <HydrationBoundary state={dehydrate(queryClient)}>{children}</HydrationBoundary>;
}
