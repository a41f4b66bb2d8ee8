import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { parseTheme, THEME_COOKIE } from "@/lib/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pegasus Console", template: "%s · Pegasus Console" },
  description: "Tenant console for Pegasus Automations",
};

// Reading the theme cookie makes every page dynamic, which the per-request CSP nonce needs anyway.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={theme === "dark" ? "dark" : undefined}>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
