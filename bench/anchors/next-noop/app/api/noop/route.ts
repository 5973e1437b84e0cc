// Anchor (b): an App Router POST handler that parses the body and does nothing else.
export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  await req.json();
  return Response.json({ status: "ok" });
}
