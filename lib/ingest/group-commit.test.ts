import { describe, expect, it } from "vitest";
import { DeadlineError, OverloadedError } from "./bounded-queue";
import { GroupCommitter } from "./group-commit";

const tick = () => new Promise((r) => setTimeout(r, 5));
const LIMITS = { maxCount: 10_000, maxBytes: 1 << 30 };

describe("GroupCommitter", () => {
  it("batches concurrent submissions and answers each with its own result", async () => {
    const batches: number[][] = [];
    const c = new GroupCommitter<number, number>(
      async (items) => {
        batches.push(items);
        await tick();
        return items.map((i) => i * 10);
      },
      { ...LIMITS, maxBatch: 100, maxInFlight: 1 },
    );
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => c.submit(i)));
    expect(answers).toEqual(Array.from({ length: 25 }, (_, i) => i * 10));
    expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(batches.length).toBeLessThan(25);
  });

  it("respects the batch size and the in-flight limit", async () => {
    let inFlight = 0;
    let peak = 0;
    const sizes: number[] = [];
    const c = new GroupCommitter<number, number>(
      async (items) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        sizes.push(items.length);
        await tick();
        inFlight--;
        return items;
      },
      { ...LIMITS, maxBatch: 4, maxInFlight: 2 },
    );
    await Promise.all(Array.from({ length: 30 }, (_, i) => c.submit(i)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    expect(peak).toBeLessThanOrEqual(2);
  });

  it("isolates a poison item: its neighbours still commit, only it fails", async () => {
    const c = new GroupCommitter<number, number>(
      async (items) => {
        await tick();
        if (items.includes(13)) throw new Error("bad row");
        return items;
      },
      { ...LIMITS, maxBatch: 50, maxInFlight: 1 },
    );
    const settled = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => c.submit(i)));
    expect(settled.filter((s) => s.status === "rejected")).toHaveLength(1);
    expect(settled[13]!.status).toBe("rejected");
  });

  it("rejects every waiter when the store is down", async () => {
    const c = new GroupCommitter<number, number>(
      async () => {
        throw new Error("ECONNREFUSED");
      },
      { ...LIMITS, maxBatch: 50, maxInFlight: 1 },
    );
    const settled = await Promise.allSettled([c.submit(1), c.submit(2), c.submit(3)]);
    expect(settled.every((s) => s.status === "rejected")).toBe(true);
  });

  it("refuses at once past the count cap, and takes new pushes again once the queue drains", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const c = new GroupCommitter<number, number>(
      async (items) => {
        await held;
        return items;
      },
      { maxCount: 5, maxBytes: 1 << 20, maxBatch: 2, maxInFlight: 1 },
    );
    const first = Array.from({ length: 5 }, (_, i) => c.submit(i, 10, Date.now() + 5_000));
    const started = Date.now();
    await expect(c.submit(99, 10, Date.now() + 5_000)).rejects.toBeInstanceOf(OverloadedError);
    expect(Date.now() - started).toBeLessThan(100);
    expect(c.waiting.count).toBe(5);
    release();
    expect(await Promise.all(first)).toEqual([0, 1, 2, 3, 4]);
    expect(c.waiting).toMatchObject({ count: 0, bytes: 0 });
    expect(await c.submit(7, 10, Date.now() + 5_000)).toBe(7);
  });

  it("refuses past the byte cap", async () => {
    const c = new GroupCommitter<number, number>(
      async (items) => {
        await new Promise((r) => setTimeout(r, 50));
        return items;
      },
      { maxCount: 100, maxBytes: 1_000, maxBatch: 10, maxInFlight: 1 },
    );
    const a = c.submit(1, 600, Date.now() + 5_000);
    await expect(c.submit(2, 600, Date.now() + 5_000)).rejects.toBeInstanceOf(OverloadedError);
    expect(await a).toBe(1);
  });

  it("answers each push at its own deadline and never writes one already answered", async () => {
    const written: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const c = new GroupCommitter<number, number>(
      async (items) => {
        written.push(...items);
        if (items.includes(0)) await held;
        return items;
      },
      { ...LIMITS, maxBatch: 1, maxInFlight: 1 },
    );
    const blocker = c.submit(0, 1, Date.now() + 60);
    const stale = Array.from({ length: 20 }, (_, i) => c.submit(i + 1, 1, Date.now() + 60));
    const settled = await Promise.allSettled([blocker, ...stale]);
    expect(settled.every((s) => s.status === "rejected" && s.reason instanceof DeadlineError)).toBe(true);
    const fresh = c.submit(100, 1, Date.now() + 5_000);
    release();
    expect(await fresh).toBe(100);
    // The 20 answered while waiting were dropped, not written after the database came back.
    expect(written).toEqual([0, 100]);
    expect(c.waiting.count).toBe(0);
  });

  it("after a connection error answers the whole batch at once: no one-by-one retry against a dead database", async () => {
    let calls = 0;
    const c = new GroupCommitter<number, number>(
      async () => {
        calls++;
        await tick();
        throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      },
      { ...LIMITS, maxBatch: 50, maxInFlight: 1, isOutage: (e) => /ECONNREFUSED/.test(String(e)) },
    );
    const settled = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => c.submit(i)));
    expect(settled.every((s) => s.status === "rejected")).toBe(true);
    expect(calls).toBeLessThanOrEqual(2);
  });

  it("stops the one-by-one retry as soon as the database itself fails", async () => {
    let calls = 0;
    const c = new GroupCommitter<number, number>(
      async (items) => {
        calls++;
        await tick();
        if (items.length > 1) throw new Error("bad row");
        throw new Error("Connection terminated unexpectedly");
      },
      { ...LIMITS, maxBatch: 50, maxInFlight: 1, isOutage: (e) => /Connection/.test(String(e)) },
    );
    const settled = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => c.submit(i)));
    expect(settled.every((s) => s.status === "rejected")).toBe(true);
    expect(calls).toBe(2);
  });
});
