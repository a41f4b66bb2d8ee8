"use client";
import { QueryClientProvider } from "@tanstack/react-query";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { createContext, useContext, type ReactNode } from "react";
import { getQueryClient } from "@/lib/queries/query-client";

const NonceContext = createContext<string | undefined>(undefined);

/** This response's CSP nonce, for the few inline scripts the console renders itself (diagram early paint). */
export function useNonce(): string | undefined {
  return useContext(NonceContext);
}

/** Client-side providers shared by every page: one QueryClient per tab, and nuqs for URL state (one queue of URL
 * updates, so two quick changes merge instead of the second undoing the first), and the response's CSP nonce. */
export function Providers({ children, nonce }: { children: ReactNode; nonce?: string }) {
  const queryClient = getQueryClient();
  return (
    <NonceContext value={nonce}>
      <NuqsAdapter>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </NuqsAdapter>
    </NonceContext>
  );
}
