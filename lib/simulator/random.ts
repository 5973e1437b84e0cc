// A small seedable PRNG. Math.random cannot be seeded, and the simulator must replay a campaign
// byte for byte from its seed so tests and benchmarks can rerun exactly what they saw.

export interface Weighted<T> {
  value: T;
  weight: number;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly Weighted<T>[]): T;
  /** Lower-case hex digits, the shape of Huawei's operationId/subOperationId. */
  hex(length: number): string;
  /** An RFC 4122 version-4 UUID, the shape of Huawei's deviceId. */
  uuid(): string;
  alphanumeric(length: number): string;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Folds a numeric or text seed into 32 bits (FNV-1a), so "demo" and 42 are both valid seeds. */
function hashSeed(seed: number | string): number {
  const text = typeof seed === "number" ? `n:${seed}` : `s:${seed}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRandom(seed: number | string): Random {
  // mulberry32: tiny, fast, and good enough for test data (not for anything secret).
  let state = hashSeed(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[int(0, items.length - 1)] as T;
  };
  const hex = (length: number): string => {
    let s = "";
    for (let i = 0; i < length; i++) s += int(0, 15).toString(16);
    return s;
  };
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick,
    weighted<T>(items: readonly Weighted<T>[]): T {
      const total = items.reduce((sum, item) => sum + item.weight, 0);
      let roll = next() * total;
      for (const item of items) {
        roll -= item.weight;
        if (roll < 0) return item.value;
      }
      return pick(items).value;
    },
    hex,
    uuid() {
      const h = hex(32);
      const variant = ((int(0, 15) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    alphanumeric(length) {
      let s = "";
      for (let i = 0; i < length; i++) s += ALPHANUMERIC[int(0, ALPHANUMERIC.length - 1)];
      return s;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
  };
}
