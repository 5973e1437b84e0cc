"use client";
import { SWRConfig } from "swr";

/** Seeds SWR with what the server rendered, keyed by the same apiUrl() keys the hooks use. */
export function SwrProvider({ fallback, children }: { fallback: Record<string, unknown>; children: React.ReactNode }) {
  return <SWRConfig value={{ fallback }}>{children}</SWRConfig>;
}
