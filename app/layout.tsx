import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { storedDiagramPrefetchScript } from "@/components/diagram/early-paint";
import { Providers } from "@/components/providers";
import { parseTheme, THEME_COOKIE } from "@/lib/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pegasus Console", template: "%s · Pegasus Console" },
  description: "Tenant console for Pegasus Automations",
};

const PREFETCH_SCRIPT = storedDiagramPrefetchScript();

// Reading the theme cookie makes every page dynamic, which the per-request CSP nonce needs anyway.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  // proxy.ts puts this response's CSP nonce on the request; inline scripts of our own need it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className={theme === "dark" ? "dark" : undefined}>
      <head>
        {/* Starts reading a stored diagram for this path while the server still renders the body. */}
        <script nonce={nonce} data-diagram-prefetch="" dangerouslySetInnerHTML={{ __html: PREFETCH_SCRIPT }} />
      </head>
      <body>
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
