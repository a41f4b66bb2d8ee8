import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PlainPage } from "@/components/shell/plain-page";
import { Card, CardBody } from "@/components/ui/card";
import { getPublicSession } from "@/lib/auth";
import { signInAction } from "@/lib/auth/actions";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { CallbackField } from "./callback-field";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  AccessDenied: "The identity provider refused the sign-in.",
  Configuration: "Sign-in is misconfigured on the server. An operator can check the console's OIDC settings and /api/health/ready.",
  Verification: "The sign-in link is no longer valid.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // The same rule as the sign-in action (lib/auth/callback-url.ts): a path on this console, else the landing page.
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // `reason=expired`: the console still holds a session the Pegasus API rejected; bouncing back to
  // the callback would loop, so stay here and let a fresh sign-in replace it.
  const expired = params.reason === "expired";
  if (!expired && (await getPublicSession())) redirect(callbackUrl);
  const error =
    typeof params.error === "string"
      ? (ERRORS[params.error] ?? "Sign-in did not complete. Please try again.")
      : expired
        ? "Your session has expired or was refused by the Pegasus API. Sign in again to continue."
        : null;
  return (
    <PlainPage>
      <Card>
        <CardBody className="space-y-4">
          <h1 className="text-xl font-semibold">Sign in</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">Use your Pegasus account. You will come back here after signing in.</p>
          {error ? (
            <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950/40 dark:text-red-100">
              {error}
            </p>
          ) : null}
          <form action={signInAction}>
            <CallbackField callbackUrl={callbackUrl} />
            <button type="submit" className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
              Sign in with Pegasus
            </button>
          </form>
        </CardBody>
      </Card>
    </PlainPage>
  );
}
