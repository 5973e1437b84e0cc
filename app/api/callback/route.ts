import { allowOnly } from "@/lib/http";
import { receiveCallback } from "@/lib/receiver/receive-callback";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/callback – a Huawei upgrade push; the receiver decides everything, this only adapts HTTP.
export async function POST(req: Request): Promise<Response> {
  const out = await receiveCallback({
    query: new URL(req.url).search,
    headers: req.headers,
    body: req.body as AsyncIterable<Uint8Array> | null,
  });
  return Response.json(out.body, { status: out.status, headers: out.headers });
}

// Any other method (also on `npm start`, whose lean path takes POST only): 405 with Allow: POST.
export const { GET, PUT, DELETE, PATCH } = allowOnly("POST");
