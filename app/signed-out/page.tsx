import type { Metadata } from "next";
import Link from "next/link";
import { ForgetStoredDiagrams } from "@/components/diagram/forget-stored";
import { PlainPage } from "@/components/shell/plain-page";
import { Card, CardBody } from "@/components/ui/card";

export const metadata: Metadata = { title: "Signed out" };

export default function SignedOutPage() {
  return (
    <PlainPage>
      <ForgetStoredDiagrams />
      <Card>
        <CardBody className="space-y-4">
          <h1 className="text-xl font-semibold">You are signed out</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">Your console session and your Pegasus sign-in have ended.</p>
          <Link
            href="/sign-in"
            className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Sign in again
          </Link>
        </CardBody>
      </Card>
    </PlainPage>
  );
}
