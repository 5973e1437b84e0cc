export type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false; bytes: Uint8Array; size: number };

/**
 * Reads at most `limit` bytes. Over the limit it stops reading (the sender's remaining bytes are
 * never buffered) and returns what it kept, for quarantine. Works on web and Node streams alike.
 */
export async function readBodyCapped(
  body: AsyncIterable<Uint8Array> | null,
  limit: number,
  declaredLength: number | null,
): Promise<BodyRead> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (body) {
    for await (const chunk of body) {
      const room = limit - size;
      if (chunk.byteLength > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        return {
          ok: false,
          bytes: concat(chunks, limit),
          size: Math.max(declaredLength ?? 0, size + chunk.byteLength),
        };
      }
      chunks.push(chunk);
      size += chunk.byteLength;
    }
  }
  return { ok: true, bytes: concat(chunks, size) };
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(
    Math.min(
      total,
      chunks.reduce((n, c) => n + c.byteLength, 0),
    ),
  );
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
