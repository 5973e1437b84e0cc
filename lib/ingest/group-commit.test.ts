import { describe, expect, it } from "vitest";
import { GroupCommitter } from "./group-commit";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("GroupCommitter", () => {
  it("batches concurrent submissions and answers each with its own result", async () => {
    const batches: number[][] = [];
    const c = new GroupCommitter<number, number>(async (items) => {
      batches.push(items);
      await tick();
      return items.map((i) => i * 10);
    }, { maxBatch: 100, maxInFlight: 1 });
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => c.submit(i)));
    expect(answers).toEqual(Array.from({ length: 25 }, (_, i) => i * 10));
    expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(batches.length).toBeLessThan(25);
  });

  it("respects the batch size and the in-flight limit", async () => {
    let inFlight = 0;
    let peak = 0;
    const sizes: number[] = [];
    const c = new GroupCommitter<number, number>(async (items) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      sizes.push(items.length);
      await tick();
      inFlight--;
      return items;
    }, { maxBatch: 4, maxInFlight: 2 });
    await Promise.all(Array.from({ length: 30 }, (_, i) => c.submit(i)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    expect(peak).toBeLessThanOrEqual(2);
  });

  it("isolates a poison item: its neighbours still commit, only it fails", async () => {
    const c = new GroupCommitter<number, number>(async (items) => {
      await tick();
      if (items.includes(13)) throw new Error("bad row");
      return items;
    }, { maxBatch: 50, maxInFlight: 1 });
    const settled = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => c.submit(i)));
    expect(settled.filter((s) => s.status === "rejected")).toHaveLength(1);
    expect(settled[13]!.status).toBe("rejected");
  });

  it("rejects every waiter when the store is down", async () => {
    const c = new GroupCommitter<number, number>(async () => {
      throw new Error("ECONNREFUSED");
    }, { maxBatch: 50, maxInFlight: 1 });
    const settled = await Promise.allSettled([c.submit(1), c.submit(2), c.submit(3)]);
    expect(settled.every((s) => s.status === "rejected")).toBe(true);
  });
});
