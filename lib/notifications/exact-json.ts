import { isLosslessNumber, isSafeNumber, parse as parseLossless, type LosslessNumber } from "lossless-json";

// JSON.parse turns every number into a float64: 12345678901234567891 becomes 12345678901234567000 and
// 1.50 becomes 1.5. A push's documented fields are strings; when a sender writes one as a number we
// keep its digits exactly as sent (and warn), so numbers are parsed losslessly.
//
// Hot path: JSON.parse validates first (fast, and its error messages are what a 400 quotes); only a
// body that may hold a number token is parsed a second time, by lossless-json. Pushes as documented
// carry no numbers at all, so they pay nothing extra.

/** A number token somewhere after a colon, bracket or comma (may also match inside a string: harmless). */
const MAY_HOLD_NUMBER = /[:[,]\s*-?\d/;

export type ExactNumber = LosslessNumber;

export const isExactNumber = (v: unknown): v is ExactNumber => isLosslessNumber(v);

/** Parses JSON like JSON.parse (last duplicate key wins), but numbers come back as exact LosslessNumbers. */
export function parseExact(text: string): unknown {
  const plain: unknown = JSON.parse(text);
  if (!MAY_HOLD_NUMBER.test(text)) return plain;
  try {
    return parseLossless(text, null, { onDuplicateKey: ({ newValue }) => newValue });
  } catch {
    // Only absurd nesting can make the recursive parser fail after JSON.parse succeeded; such a body
    // is refused as too deep anyway, which JSON.parse's result shows just as well.
    return plain;
  }
}

/**
 * A number's text for the content hash: the value JSON.parse would have given when that is exact (so
 * hashes of earlier stored pushes stay the same), else its digits as sent (so two pushes that differ
 * only in digits beyond float precision are not taken for repeats of each other).
 */
export function canonicalNumber(n: ExactNumber): string {
  return isSafeNumber(n.value) ? JSON.stringify(Number(n.value)) : n.value;
}
