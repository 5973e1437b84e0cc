import { connection } from "next/server";
import { auth } from "@/lib/auth/auth";
import { getAccessSettings } from "@/lib/auth/settings";
import { OpenAccessBanner } from "@/components/auth/open-access-banner";
import { UserMenu } from "@/components/auth/user-menu";

/**
 * The root layout's access strip: the open-access warning, or the signed-in user with sign-out. It reads
 * the session, so it lives beside the layout in app/ (components/ only render; lint keeps them off
 * server-only modules).
 * It also makes every page render per request, which the nonce CSP needs: a page prerendered at
 * build time would carry no nonce, and the browser would refuse its scripts.
 */
export async function AccessBar() {
  await connection();
  const settings = getAccessSettings();
  if (settings.mode === "open") return <OpenAccessBanner />;
  const session = settings.interactive ? await auth() : null;
  return session?.user ? <UserMenu name={session.user.name ?? "operator"} /> : null;
}
