// GET /portal/<pc_id>?session=<code> (or ?code=<code>) — the landing page that redeems a one-time portal link
import { PORTAL_ID } from "@/lib/portal-sessions/portal-id";
import { landingHtml } from "@/lib/portal-sessions/landing-html";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ portalId: string }> }): Promise<Response> {
  const { portalId } = await params;
  // The id lands in an attribute: only the strict `pc_` shape passes (nothing to escape).
  if (!PORTAL_ID.test(portalId)) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(landingHtml(portalId), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store, max-age=0",
      "Referrer-Policy": "no-referrer",
    },
  });
}
