import { signOutAction, signOutEverywhereAction } from "@/lib/auth/actions";

/** The signed-in user's name, roles and the sign-out buttons (plain forms: they work without JavaScript). */
export function UserMenu({ name, email, roles }: { name: string | null; email: string | null; roles: string[] }) {
  const label = name ?? email ?? "Signed in";
  return (
    <details className="relative">
      <summary
        aria-label={`Account: ${label}`}
        className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
        data-testid="user-menu"
      >
        <span aria-hidden="true" className="grid size-7 place-items-center rounded-full bg-brand-600 text-xs font-semibold text-white">
          {label.slice(0, 1).toUpperCase()}
        </span>
        {/* On narrow screens only the initial shows; the name stays for screen readers. */}
        <span className="sr-only sm:not-sr-only">{label}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-64 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-800 dark:bg-slate-900">
        <p className="font-medium">{label}</p>
        {email ? <p className="text-slate-600 dark:text-slate-400">{email}</p> : null}
        <p className="mt-2 text-xs text-slate-500">Roles: {roles.length ? roles.join(", ") : "none"}</p>
        <form action={signOutAction} className="mt-3">
          <button
            type="submit"
            className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-left hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Sign out
          </button>
        </form>
        <form action={signOutEverywhereAction} className="mt-2">
          <button
            type="submit"
            aria-describedby="sign-out-everywhere-hint"
            className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-left hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Sign out everywhere
          </button>
          <p id="sign-out-everywhere-hint" className="mt-1 text-xs text-slate-500">
            Ends every session of yours: other browsers and devices too.
          </p>
        </form>
      </div>
    </details>
  );
}
