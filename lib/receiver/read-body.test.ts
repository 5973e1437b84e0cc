import { describe, expect, it } from "vitest";
import { readBodyCapped } from "./read-body";

async function* chunks(...sizes: number[]) {
  for (const s of sizes) yield new Uint8Array(s).fill(65);
}

describe("readBodyCapped", () => {
  it("returns the whole body at or under the limit", async () => {
    const r = await readBodyCapped(chunks(10, 20, 34), 64, null);
    expect(r).toMatchObject({ ok: true });
    expect(r.bytes.byteLength).toBe(64);
  });

  it("stops at the limit and keeps exactly the first `limit` bytes", async () => {
    let pulled = 0;
    async function* counting() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield new Uint8Array(10);
      }
    }
    const r = await readBodyCapped(counting(), 35, null);
    expect(r.ok).toBe(false);
    expect(r.bytes.byteLength).toBe(35);
    expect(pulled).toBe(4);
  });

  it("reports the declared size when it is larger than what was read", async () => {
    const r = await readBodyCapped(chunks(50), 10, 10_000);
    expect(r).toMatchObject({ ok: false, size: 10_000 });
  });

  it("treats no body as empty", async () => {
    expect(await readBodyCapped(null, 10, null)).toEqual({ ok: true, bytes: new Uint8Array(0) });
  });
});
