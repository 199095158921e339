import "server-only";
import { getDb } from "@/db/client";
import { findSessionByCodeHash } from "@/db/queries/portal-sessions";
import { sha256 } from "@/lib/crypto/secrets";

/**
 * The locale of the session a portal link signs in to, so its landing page speaks that language
 * (docs/sessions.md "Languages"): read by the code's hash, never redeeming it (only the landing's
 * POST does). Undefined for a link without a code, of another portal, or none.
 */
export async function localeOfLink(portalId: string, code: string | null): Promise<string | undefined> {
  if (!code || !code.startsWith("pst_") || code.length > 200) return undefined;
  const row = await findSessionByCodeHash(await getDb(), sha256(code));
  return row && row.portalId === portalId ? (row.locale ?? undefined) : undefined;
}
