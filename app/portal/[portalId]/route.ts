// GET /portal/<pc_id>?session=<code> (or ?code=<code>) — the landing page that redeems a one-time portal link
import { i18nFor } from "@/lib/i18n/catalogue";
import { landingHtml } from "@/lib/portal-sessions/landing-html";
import { linkNotFoundHtml } from "@/lib/portal-sessions/link-not-found-html";
import { localeOfLink } from "@/lib/portal-sessions/link-locale";
import { portalFace } from "@/lib/portal-sessions/portal-face";
import { PORTAL_ID } from "@/lib/portal-sessions/portal-id";
import { MALFORMED_LINK, UNKNOWN_PORTAL } from "@/lib/ui/dead-ends";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ portalId: string }> }): Promise<Response> {
  const { portalId } = await params;
  // The id lands in an attribute: only the strict `pc_` shape passes (nothing to escape).
  if (!PORTAL_ID.test(portalId)) return html(linkNotFoundHtml(MALFORMED_LINK), 404);
  const face = await portalFace(portalId);
  if (!face) return html(linkNotFoundHtml(UNKNOWN_PORTAL), 404);
  // The page speaks the language of the session the link signs in to; the code itself never reaches the HTML.
  const query = new URL(req.url).searchParams;
  const locale = await localeOfLink(portalId, query.get("session") || query.get("code"));
  return html(landingHtml(portalId, face, i18nFor(locale)), 200);
}

function html(body: string, status: number): Response {
  return new Response(body, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store, max-age=0",
      "Referrer-Policy": "no-referrer",
    },
  });
}
