import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane); verify() reads the parameters from each hash,
// so raising these later does not invalidate existing hashes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * True when `password` matches `phc`. For an unknown user pass `undefined`: a throwaway hash is
 * verified anyway, so the answer takes as long as for a real user and does not reveal who exists.
 */
export async function verifyPassword(phc: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(`unknown-user-${Math.random()}`);
  const target = phc ?? (await dummyHash);
  try {
    const ok = await verify(target, password);
    return ok && phc !== undefined;
  } catch {
    // A malformed stored hash never signs anyone in (settings.ts rejects those at start anyway).
    return false;
  }
}
