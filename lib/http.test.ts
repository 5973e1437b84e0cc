import { describe, expect, it } from "vitest";
import { StorageUnavailableError } from "@/lib/db/errors";
import { isStorageError, withErrors } from "./http";

describe("storage errors map to 503, never 500", () => {
  it("recognises every kind of storage trouble", () => {
    const cases: unknown[] = [
      new StorageUnavailableError("disk full: /data/pglite"),
      new Error("The database cannot be opened", {
        cause: Object.assign(new Error("RuntimeError: Aborted()"), { name: "RuntimeError" }),
      }),
      // PGlite's Emscripten file-system failure is a plain object, not an Error.
      { name: "ErrnoError", errno: 51 },
      Object.assign(new Error("write failed"), { code: "ENOSPC" }),
      Object.assign(new Error("x"), { name: "OverloadedError" }),
      Object.assign(new Error("x"), { name: "DeadlineError" }),
      Object.assign(new Error("x"), { name: "DirLockedError" }),
      new Error("connect ECONNREFUSED 127.0.0.1:5432"),
      // pg's answer on a pooled client whose server went away (PostgreSQL stopped).
      new Error("Client has encountered a connection error and is not queryable"),
      Object.assign(new Error("Invalid invocation"), {
        meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } },
      }),
    ];
    for (const c of cases) expect(isStorageError(c)).toBe(true);
    expect(isStorageError(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isStorageError("text")).toBe(false);
  });

  it("a route whose database cannot open answers 503 storage_unavailable with Retry-After", async () => {
    const route = withErrors(async () => {
      throw new StorageUnavailableError("The database cannot be opened: PGlite directory /x is in use by process 42");
    });
    const res = await route(new Request("http://localhost/api/tasks"), {});
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("storage_unavailable");
  });
});
