import "server-only";
import { getDb } from "@/db/client";
import { ApiError } from "@/lib/api/errors";
import { getVerifications } from "@/lib/portal-sessions/get-verifications";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";
import type { Bucket } from "@/lib/ui/analytics";

/**
 * Zero-filled hourly verification buckets: the same verb as POST /v2/portal.getVerifications, in
 * hours at any window length (the page adds them up by the viewer's local day).
 * undefined when `keyId` is not one of the user's keys (a stale or edited link), so the page can say so.
 */
export async function portalVerifications(session: PortalSessionContext, input: { startTime: number; endTime: number; keyId?: string }): Promise<Bucket[] | undefined> {
  try {
    return await getVerifications({ db: await getDb(), session, input, bucketMs: 3_600_000 });
  } catch (err) {
    if (err instanceof ApiError && err.code === "unkey/data/key_not_found") return undefined;
    throw err;
  }
}
