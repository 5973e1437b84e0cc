import "server-only";
import { describeAccess, getAccessSettings } from "./settings";

/**
 * Says once, at start, who can get in. A broken sign-in configuration stops the server: otherwise
 * it would answer 500 to every request (the proxy fails closed), which is harder to diagnose.
 */
export function logAccessMode(): void {
  try {
    console.log(describeAccess(getAccessSettings()));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
