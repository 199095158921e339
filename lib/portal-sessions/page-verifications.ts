import "server-only";
import { getDb } from "@/db/client";
import { ApiError } from "@/lib/api/errors";
import { getVerifications } from "@/lib/portal-sessions/get-verifications";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";
import type { Bucket } from "@/lib/ui/analytics";

/**
 * Zero-filled verification buckets: the same verb as POST /v2/portal.getVerifications.
 * undefined when `keyId` is not one of the user's keys (a stale or edited link), so the page can say so.
 */
export async function portalVerifications(session: PortalSessionContext, input: { startTime: number; endTime: number; keyId?: string }): Promise<Bucket[] | undefined> {
  try {
    return await getVerifications({ db: await getDb(), session, input });
  } catch (err) {
    if (err instanceof ApiError && err.code === "unkey/data/key_not_found") return undefined;
    throw err;
  }
}
