"use server";
import { AuthError } from "next-auth";
import { OIDC_PROVIDER_ID, signIn, signOut, SIGN_IN_PATH } from "./auth";
import { describeSignInError } from "./messages";
import { safeReturnPath } from "./paths";

// Server actions behind the sign-in page and the sign-out button. Next checks their Origin against
// the host (CSRF); signIn/signOut throw Next's redirect on success, which must propagate.

export interface SignInState {
  error?: string;
  /** Given back so the form (which React resets after an action) keeps the name typed. */
  username?: string;
}

export async function signInWithPassword(_prev: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get("username") ?? "").slice(0, 200);
  try {
    await signIn("credentials", {
      username,
      password: String(form.get("password") ?? ""),
      redirectTo: safeReturnPath(String(form.get("callbackUrl") ?? "/")),
    });
    return {};
  } catch (err) {
    if (err instanceof AuthError) {
      const code = "code" in err && typeof err.code === "string" ? err.code : err.type;
      return { error: describeSignInError(code), username };
    }
    throw err;
  }
}

export async function signInWithOidc(form: FormData): Promise<void> {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeReturnPath(String(form.get("callbackUrl") ?? "/")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: SIGN_IN_PATH });
}
