import Link from "next/link";
import type { ReactNode } from "react";
import type { Theme } from "@/lib/theme";
import { NavLinks, type ShellNavItem } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export interface ShellUser {
  name: string | null;
  email: string | null;
  roles: string[];
  tenantLabel: string;
  tenantId: string;
  /** A tenant admin and the tenant has no display name yet: offer to set one. */
  canNameTenant?: boolean;
}

/** The console frame: skip link, header (tenant, theme, user), section navigation, main landmark. */
export function AppShell({
  user,
  nav,
  navUnavailable = false,
  theme,
  children,
}: {
  user: ShellUser;
  nav: ShellNavItem[];
  navUnavailable?: boolean;
  theme: Theme;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
        <div className="flex h-14 items-center justify-between gap-3 px-4">
          <div className="flex min-w-0 items-center gap-3">
            <Link href="/" className="font-semibold text-brand-700 dark:text-brand-100">
              Pegasus Console
            </Link>
            <span
              className="truncate rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300"
              data-testid="tenant-name"
              title={`Tenant ${user.tenantId}`}
            >
              {user.tenantLabel}
            </span>
            {user.canNameTenant ? (
              <Link
                href="/activity#tenant-name"
                className="hidden whitespace-nowrap text-xs text-brand-700 hover:underline sm:inline dark:text-brand-100"
              >
                Name this tenant
              </Link>
            ) : null}
          </div>
          <div className="flex items-center gap-2">
            <ThemeToggle initial={theme} />
            <UserMenu name={user.name} email={user.email} roles={user.roles} />
          </div>
        </div>
      </header>
      <div className="md:flex">
        <nav
          aria-label="Sections"
          className="border-b border-slate-200 px-3 py-2 md:min-h-[calc(100vh-3.5rem)] md:w-52 md:shrink-0 md:border-b-0 md:border-r md:py-4 dark:border-slate-800"
        >
          {nav.length ? (
            <NavLinks items={nav} />
          ) : (
            <p className="px-3 text-sm text-slate-500">
              {navUnavailable
                ? "Sections could not be loaded: the Pegasus API did not answer. Reload to try again."
                : "No sections are available to your role."}
            </p>
          )}
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
