import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// Proves each layer rule in eslint.boundaries.mjs fires: lints a one-line file that breaks it (the
// text is linted in memory under a path inside the layer; nothing is written) and one that keeps it.
const root = `${import.meta.dirname}/..`;
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const results = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath: `${root}/${filePath}` });
  return results
    .flatMap((r) => r.messages)
    .filter((m) => m.ruleId === "import/no-restricted-paths")
    .map((m) => m.message);
}

describe("layer boundaries", () => {
  it("components may not import server-only lib modules, by alias or by relative path", async () => {
    expect(await boundaryErrors("components/ui/bad.tsx", 'import { db as x } from "@/lib/db";')).toEqual([
      expect.stringContaining("components/ render only"),
    ]);
    expect(
      await boundaryErrors("components/ui/bad.tsx", 'import { listTasks as x } from "../../lib/queries/list-tasks";'),
    ).toHaveLength(1);
  });

  it("components may import the schemas, the export wording and the auth actions", async () => {
    expect(
      await boundaryErrors("components/ui/ok.tsx", 'import { TASK_OUTCOMES as x } from "@/lib/schemas/tasks";'),
    ).toEqual([]);
    expect(
      await boundaryErrors("components/ui/ok.tsx", 'import { FAILED_SELECTION as x } from "@/lib/exports/selections";'),
    ).toEqual([]);
    expect(
      await boundaryErrors("components/ui/ok.tsx", 'import { signOutAction as x } from "@/lib/auth/actions";'),
    ).toEqual([]);
  });

  it("lib/queries may not import the HTTP layer", async () => {
    expect(await boundaryErrors("lib/queries/bad.ts", 'import { withErrors as x } from "@/lib/http";')).toEqual([
      expect.stringContaining("lib/queries must not know HTTP"),
    ]);
    expect(await boundaryErrors("lib/queries/ok.ts", 'import { AppError as x } from "@/lib/errors";')).toEqual([]);
  });

  it("lib/ingest may not import lib/queries", async () => {
    expect(
      await boundaryErrors("lib/ingest/bad.ts", 'import { listTasks as x } from "@/lib/queries/list-tasks";'),
    ).toEqual([expect.stringContaining("lib/ingest writes")]);
  });

  it("nothing outside app/ imports app/; app/ may import itself", async () => {
    for (const file of ["lib/bad.ts", "components/bad.tsx", "tests/bad.test.ts"]) {
      expect(await boundaryErrors(file, 'import { AccessBar as x } from "@/app/access-bar";')).toEqual([
        expect.stringContaining("Nothing imports app/"),
      ]);
    }
    expect(await boundaryErrors("app/ok.tsx", 'import { AccessBar as x } from "@/app/access-bar";')).toEqual([]);
  });
});
