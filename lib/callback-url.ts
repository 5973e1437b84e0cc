import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";

/**
 * The callback URL to subscribe on the platform: PUBLIC_URL when the deployment knows its public
 * address (behind a proxy), else the host this request came to. Shown as text only.
 */
export async function getCallbackUrl(): Promise<string> {
  const env = getEnv();
  const suffix = env.CALLBACK_TOKEN ? "/api/callback?token=<CALLBACK_TOKEN>" : "/api/callback";
  if (env.PUBLIC_URL) return `${env.PUBLIC_URL.replace(/\/+$/, "")}${suffix}`;
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${host}${suffix}`;
}
