import { describe, expect, it } from "vitest";
import { BoundedQueue, DeadlineError } from "./bounded-queue";

describe("BoundedQueue", () => {
  it("does not keep answered entries around while nothing takes them (a hung database)", async () => {
    const q = new BoundedQueue<string, number>({ maxCount: 100, maxBytes: 1 << 20 });
    const answers: Promise<unknown>[] = [];
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 50; i++)
        answers.push(q.enqueue(`push ${round}/${i}`, 100, Date.now() + 5).catch((e: unknown) => e));
      await new Promise((r) => setTimeout(r, 15));
    }
    const outcomes = await Promise.all(answers);
    expect(outcomes.every((o) => o instanceof DeadlineError)).toBe(true);
    expect(q.waiting.count).toBe(0);
    expect(q.waiting.bytes).toBe(0);
    // 1,000 answered over the run; what is still referenced stays near the cap, not the total.
    expect(q.waiting.queued).toBeLessThanOrEqual(2 * 100 + 64);
    expect(q.take(10)).toEqual([]);
  });
});
