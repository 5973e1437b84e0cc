import "server-only";
import { describeAccess, getAccessSettings } from "./settings";

/**
 * Says once, at start, who can get in. A broken sign-in configuration stops the server: otherwise
 * it would answer 500 to every request (the proxy fails closed), which is harder to diagnose.
 */
export function logAccessMode(): void {
  try {
    const settings = getAccessSettings();
    console.log(describeAccess(settings));
    const warning = callbackTokenWarning(settings.mode === "protected", process.env.CALLBACK_TOKEN || undefined);
    if (warning) console.warn(warning);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

/** Shortest CALLBACK_TOKEN not warned about: ~128 bits as base64/hex-ish text. */
const CALLBACK_TOKEN_MIN_LENGTH = 24;

/**
 * A protected dashboard whose receiver takes pushes from anyone is not protected: whoever can reach
 * /api/callback can write the numbers operators act on. Warn (the platform may not support a token
 * yet, so it is not fatal), and warn about a token short enough to guess.
 */
function callbackTokenWarning(protectedMode: boolean, token: string | undefined): string | null {
  if (!token) {
    return protectedMode
      ? "[auth] WARNING: sign-in is configured but CALLBACK_TOKEN is not: anyone who can reach POST /api/callback can write" +
          " into the dashboard's data. Set CALLBACK_TOKEN (`openssl rand -base64 32`) and subscribe with ?token=<it>."
      : null;
  }
  if (token.length < CALLBACK_TOKEN_MIN_LENGTH || new Set(token).size < 8) {
    return `[auth] WARNING: CALLBACK_TOKEN is weak (use at least ${CALLBACK_TOKEN_MIN_LENGTH} random characters, \`openssl rand -base64 32\`).`;
  }
  return null;
}
