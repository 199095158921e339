// GET /portal/<pc_id>/start — where the landing sends a browser it has just signed in: the tab the session's intent names
import { redirect } from "next/navigation";
import { landingPath } from "@/lib/portal-sessions/intent";
import { requirePortalSession } from "@/lib/portal-sessions/page-session";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ portalId: string }> }): Promise<Response> {
  const { portalId } = await params;
  // Without a live session this redirects to the ended page (or the return URL), as every portal page does.
  redirect(landingPath(await requirePortalSession(portalId)));
}
