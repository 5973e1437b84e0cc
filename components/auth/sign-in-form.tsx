"use client";
import { useActionState } from "react";
import { signInWithPassword, type SignInState } from "@/lib/auth/actions";
import { control } from "@/components/ui/control";

const input =
  "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-600";

/** User name + password; works without JavaScript too (a server action is a plain form post). */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithPassword, { error: initialError });
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div className="flex flex-col gap-0.5">
        <label htmlFor="username" className="text-xs font-medium text-slate-700">
          User name
        </label>
        <input
          id="username"
          name="username"
          defaultValue={state.username}
          className={input}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
      </div>
      <div className="flex flex-col gap-0.5">
        <label htmlFor="password" className="text-xs font-medium text-slate-700">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          className={input}
          autoComplete="current-password"
          required
        />
      </div>
      {state.error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={control("primary", "large")}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
