import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Code comments cite the platform's contract as docs/push-contract.md#<section>; a renamed heading
// must not leave them pointing nowhere.
const root = join(import.meta.dirname, "..");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");

describe("docs/push-contract.md references", () => {
  it("every #section cited in the tree is a heading of the document", () => {
    const doc = readFileSync(join(root, "docs/push-contract.md"), "utf8");
    const anchors = new Set([...doc.matchAll(/^#{2,4} (.+)$/gm)].map((m) => slug(m[1]!)));
    const files = execFileSync("git", ["ls-files", "*.ts", "*.tsx", "*.md", "*.mjs"], { cwd: root, encoding: "utf8" })
      .split("\n")
      .filter(Boolean);
    const cited: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(root, file), "utf8");
      for (const m of text.matchAll(/push-contract\.md#([a-z0-9-]+)/g)) cited.push(`${file}#${m[1]}`);
    }
    expect(cited.length).toBeGreaterThan(10);
    expect(cited.filter((c) => !anchors.has(c.split("#")[1]!))).toEqual([]);
  });
});
