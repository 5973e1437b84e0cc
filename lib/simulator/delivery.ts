// Turns the time-ordered event stream into what a receiver actually sees: some results arrive late
// (after pushes that happened later), and some pushes arrive twice (the platform redelivers when it
// thinks a callback timed out), sometimes with the keys in another order.
import type { Random } from "./random";
import { isResultPush, type UpgradePush } from "./types";

export interface DeliveryRates {
  /** Share of all pushes that are delivered a second time. */
  duplicateRate: number;
  /**
   * Share of result pushes that arrive after at least one result that happened later (three times
   * that for a device's superseded attempts).
   */
  outOfOrderRate: number;
}

interface Slot {
  pos: number;
  tie: number;
  push: UpgradePush;
}

const deviceKey = (p: UpgradePush): string => `${p.operationId}\u0000${p.deviceId}`;

/**
 * Pushes only ever move later, never earlier. So a device's last result still follows all of its
 * state changes, and "latest result by upgradeTime" alone decides its outcome.
 */
export function deliver(rng: Random, ordered: readonly UpgradePush[], rates: DeliveryRates): UpgradePush[] {
  let tie = 0;
  const slots: Slot[] = ordered.map((push, i) => ({ pos: i, tie: tie++, push }));
  const resultIdx = ordered.flatMap((p, i) => (isResultPush(p) ? [i] : []));

  // The same device's later result, if any: delaying past it is the case that tests "latest wins".
  const lastResultOf = new Map<string, number>();
  for (const i of resultIdx) lastResultOf.set(deviceKey(ordered[i]!), i);

  const delay = (i: number): void => {
    const sibling = lastResultOf.get(deviceKey(ordered[i]!))!;
    let after: number;
    if (sibling > i) {
      after = sibling + rng.int(0, 8);
    } else {
      // Otherwise slip behind the next 1–5 results of other devices.
      const k = resultIdx.findIndex((j) => j > i);
      after =
        k === -1 ? ordered.length : (resultIdx[Math.min(k + rng.int(0, 4), resultIdx.length - 1)] ?? ordered.length);
    }
    slots[i]!.pos = after + 0.5;
  };
  const hasSibling = (i: number): boolean => lastResultOf.get(deviceKey(ordered[i]!))! > i;
  let delayedSibling = false;
  for (const i of resultIdx) {
    // An older attempt arriving after a newer one is the case that matters most, so it is favoured.
    const p = hasSibling(i) ? Math.min(1, rates.outOfOrderRate * 3) : rates.outOfOrderRate;
    if (rng.chance(p)) {
      delay(i);
      delayedSibling ||= hasSibling(i);
    }
  }
  // Small campaigns could roll none; when asked for disorder, always include that case.
  if (!delayedSibling && rates.outOfOrderRate > 0) {
    const withSibling = resultIdx.filter(hasSibling);
    const candidates = withSibling.length > 0 ? withSibling : resultIdx.slice(0, -1);
    if (candidates.length > 0) delay(rng.pick(candidates));
  }

  const copies: Slot[] = [];
  const duplicate = (s: Slot): void => {
    copies.push({
      pos: s.pos + rng.int(1, 25) + 0.75,
      tie: tie++,
      push: rng.chance(0.5) ? reorderKeys(rng, s.push) : { ...s.push },
    });
  };
  for (const s of slots) if (rng.chance(rates.duplicateRate)) duplicate(s);
  if (copies.length === 0 && rates.duplicateRate > 0 && slots.length > 0) duplicate(rng.pick(slots));

  return [...slots, ...copies].sort((a, b) => a.pos - b.pos || a.tie - b.tie).map((s) => s.push);
}

/** Same content, different key order: equal for a canonical-JSON hash, different bytes on the wire. */
function reorderKeys<T extends object>(rng: Random, obj: T): T {
  const keys = Object.keys(obj);
  let shuffled = rng.shuffle(keys);
  if (shuffled.every((k, i) => k === keys[i])) shuffled = [...keys].reverse();
  const out: Record<string, unknown> = {};
  for (const k of shuffled) out[k] = (obj as Record<string, unknown>)[k];
  return out as T;
}
