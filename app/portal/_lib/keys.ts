import "server-only";
import type { KeyResponse } from "@/lib/keys/key-response";
import type { PortalSessionContext } from "@/lib/portal/session-context";

export type KeysPage = { keys: KeyResponse[]; cursor?: string };

/** The session's keys for a server component (the same verb as POST /v2/portal.listKeys). */
export async function listPortalKeys(session: PortalSessionContext, input: { limit: number; cursor?: string; name?: string }): Promise<KeysPage> {
  // TODO(wire): H2's portal listKeys verb has not landed yet.
  void session;
  void input;
  return { keys: [] };
}
