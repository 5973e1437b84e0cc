/**
 * One log line for an Auth.js error: its `type` (the real error name, e.g. "CallbackRouteError";
 * `error.name` is a minified class name in the production build), the first line of its message and
 * of its cause's. Never the whole object: causes can carry provider responses and request bodies.
 */
export function describeAuthError(error: Error): string {
  const type = (error as Error & { type?: unknown }).type;
  const name = typeof type === "string" && type ? type : error.name;
  const firstLine = (m: unknown) =>
    typeof m === "string"
      ? m
          .split("\n")[0]!
          .replace(/\s*Read more at \S+$/, "")
          .slice(0, 300)
      : "";
  const cause = (error as Error & { cause?: { err?: unknown } }).cause;
  const inner = cause?.err instanceof Error ? cause.err : cause instanceof Error ? cause : undefined;
  const because = inner
    ? ` (cause: ${(inner as Error & { type?: string }).type ?? inner.name}: ${firstLine(inner.message)})`
    : "";
  return `${name}: ${firstLine(error.message) || "(no message)"}${because}`;
}
