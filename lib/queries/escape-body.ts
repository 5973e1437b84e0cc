// Shows a refused request's bytes as readable text without ever interpreting them: control characters
// and bytes that are not UTF-8 become visible escapes. Pure; the page still renders the result as text.

const MAX_SHOWN_CHARS = 16_384;

export function escapeBody(bytes: Uint8Array): { text: string; encoding: "utf-8" | "bytes" } {
  let decoded: string | null = null;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    decoded = null;
  }
  if (decoded !== null) {
    const text = decoded.replace(
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
    return { text: cap(text), encoding: "utf-8" };
  }
  let text = "";
  for (const b of bytes) {
    if (text.length > MAX_SHOWN_CHARS) break;
    text +=
      b === 0x0a || b === 0x09 || (b >= 0x20 && b < 0x7f)
        ? String.fromCharCode(b)
        : `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return { text: cap(text), encoding: "bytes" };
}

function cap(text: string): string {
  return text.length > MAX_SHOWN_CHARS
    ? `${text.slice(0, MAX_SHOWN_CHARS)}… (${text.length - MAX_SHOWN_CHARS} more characters)`
    : text;
}
