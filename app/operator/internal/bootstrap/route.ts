// POST /operator/internal/bootstrap — run start-up checks for bin/server.mjs (same process only)
import { timingSafeEqual } from "node:crypto";
import { bootstrap } from "@/lib/bootstrap/bootstrap";

export const dynamic = "force-dynamic";

/**
 * bin/server.mjs puts a random nonce in process.env before Next starts and sends it back here, over
 * loopback, before it listens on the public port. Anyone else gets 404: this route returns the
 * freshly generated operator token, so it must not be reachable from outside.
 */
export async function POST(req: Request): Promise<Response> {
  const expected = process.env.KEYPORT_BOOTSTRAP_NONCE ?? "";
  const given = req.headers.get("x-keyport-bootstrap-nonce") ?? "";
  const ok = expected.length >= 32 && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!ok) return new Response(JSON.stringify({ error: { status: 404, title: "Not Found" } }), { status: 404, headers: { "Content-Type": "application/json" } });
  // One use: once the server is up, the route is dead even for someone who learnt the nonce.
  delete process.env.KEYPORT_BOOTSTRAP_NONCE;
  try {
    const result = await bootstrap();
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    // The message goes to the operator's terminal: env errors name the variable, lock errors the folder.
    const message = err instanceof Error ? err.message : String(err);
    return Response.json({ error: message }, { status: 500, headers: { "Cache-Control": "no-store" } });
  }
}
