import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInWithOidc } from "@/lib/auth/actions";
import { auth } from "@/lib/auth/auth";
import { describeSignInError } from "@/lib/auth/messages";
import { safeReturnPath } from "@/lib/auth/paths";
import { getAccessSettings } from "@/lib/auth/settings";
import { control } from "@/components/ui/control";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const callbackUrl = safeReturnPath(first(params.callbackUrl));
  const settings = getAccessSettings();
  if (settings.interactive && (await auth())?.user) redirect(callbackUrl);
  // Auth.js redirects here with ?error=<type>&code=<code> after a failed sign-in.
  const error = describeSignInError(first(params.code) ?? first(params.error));

  return (
    <div className="mx-auto mt-10 max-w-sm rounded-md border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">Sign in</h1>
      {settings.mode === "open" ? (
        <p className="mt-2 text-sm text-slate-700">
          Sign-in is not configured on this server, so there is nothing to sign in to. Go to the{" "}
          <Link href="/" className="text-blue-700 underline">
            dashboard
          </Link>
          .
        </p>
      ) : !settings.interactive ? (
        <p className="mt-2 text-sm text-slate-700">
          This server accepts API tokens only; no interactive sign-in is configured. Ask its administrator.
        </p>
      ) : (
        <div className="mt-4 flex flex-col gap-4">
          {settings.users.size > 0 ? <SignInForm callbackUrl={callbackUrl} initialError={error} /> : null}
          {settings.users.size === 0 && error ? (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
              {error}
            </p>
          ) : null}
          {settings.oidc ? (
            <form action={signInWithOidc} className="flex flex-col gap-2">
              {settings.users.size > 0 ? <p className="text-center text-xs text-slate-500">or</p> : null}
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <button type="submit" className={control("secondary", "large")}>
                {`Sign in with ${settings.oidc.label}`}
              </button>
            </form>
          ) : null}
        </div>
      )}
    </div>
  );
}
