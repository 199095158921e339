import "server-only";
import type { PortalSessionContext } from "@/lib/portal/session-context";
import type { Bucket } from "@/lib/ui/analytics";

/** Zero-filled verification buckets (the same verb as POST /v2/portal.getVerifications). */
export async function portalVerifications(session: PortalSessionContext, input: { startTime: number; endTime: number; keyId?: string }): Promise<Bucket[]> {
  // TODO(wire): H2's portal getVerifications verb has not landed yet.
  void session;
  void input;
  return [];
}
