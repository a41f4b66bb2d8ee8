import type { ReactNode } from "react";

/** Centered frame for pages outside the signed-in shell (sign-in, signed-out, health). */
export function PlainPage({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <main id="main" className={`mx-auto px-4 py-16 ${wide ? "max-w-3xl" : "max-w-md"}`}>
      <p className="mb-6 text-center text-lg font-semibold text-brand-700 dark:text-brand-100">Pegasus Console</p>
      {children}
    </main>
  );
}
