import "server-only";
import type { Db } from "@/db/client";
import { findLiveSessionsByTokenHashes, type PortalSessionRow } from "@/db/queries/portal-sessions";
import { ApiError } from "@/lib/api/errors";
import { now } from "@/lib/clock";
import { sha256 } from "@/lib/crypto/secrets";
import { incomingSeal } from "@/lib/portal-sessions/merge-session-cookie";

export type SwitchConsent = { confirmed: boolean; sameOrigin: boolean };

/**
 * Login-CSRF guard of the exchange (docs/security.md "Switching accounts"). When the browser's seal
 * already holds a live session for the code's portal under another externalId, the code is not
 * redeemed unless the user confirmed the switch: the portal's own page gets 409 naming both accounts
 * (it asks), any other origin gets 403 and learns nothing. Throws before anything is written, so the
 * code stays redeemable. Exchanges without a seal (SDK, backends) are never affected.
 */
export async function guardSessionSwitch(db: Db, code: PortalSessionRow, cookieHeader: string | null, consent: SwitchConsent): Promise<void> {
  const token = (await incomingSeal(cookieHeader))[code.portalId];
  if (!token) return;
  const [current] = await findLiveSessionsByTokenHashes(db, [sha256(token)], now());
  if (!current || current.portalId !== code.portalId || current.externalId === code.externalId) return;
  if (!consent.sameOrigin) {
    throw new ApiError(
      "unkey/authorization/forbidden",
      "Cross-site request refused: this browser is signed in to the portal, and only the portal's own pages may redeem a link for another account.",
    );
  }
  if (consent.confirmed) return;
  throw new ApiError(
    "keyport/authentication/session_switch_unconfirmed",
    "This browser is signed in to this portal as another end user. The link was not used; confirm the switch to redeem it.",
    { context: { signedInAs: current.externalId, linkFor: code.externalId } },
  );
}
