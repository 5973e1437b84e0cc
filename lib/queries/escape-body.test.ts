import { describe, expect, it } from "vitest";
import { escapeBody } from "./escape-body";

describe("escapeBody", () => {
  it("keeps UTF-8 text, newlines and tabs; escapes other control characters", () => {
    const bytes = new TextEncoder().encode('{"a":"ü\n\t\u0001\u007f<b>"}');
    expect(escapeBody(bytes)).toEqual({ text: '{"a":"ü\n\t\\u0001\\u007f<b>"}', encoding: "utf-8" });
  });

  it("shows bytes that are not UTF-8 as \\xNN", () => {
    const bytes = Uint8Array.from([0x7b, 0xff, 0x00, 0x0a, 0x41, 0xc3]);
    expect(escapeBody(bytes)).toEqual({ text: "{\\xff\\x00\nA\\xc3", encoding: "bytes" });
  });

  it("caps very long bodies and says how much was left out", () => {
    const { text } = escapeBody(new TextEncoder().encode("x".repeat(20_000)));
    expect(text.startsWith("x".repeat(16_384))).toBe(true);
    expect(text.endsWith("… (3616 more characters)")).toBe(true);
  });
});
