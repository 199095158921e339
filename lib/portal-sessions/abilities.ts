import type { PortalAction } from "@/lib/portal-sessions/permissions";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";
import { apisWhere } from "@/lib/portal-sessions/session-permissions";

const KEY_ACTIONS: PortalAction[] = ["read_key", "create_key", "reroll_key", "update_key", "delete_key"];

/**
 * Which controls a page renders. The same rule the server enforces on every call (sessionCan): a
 * permission counts only on an API the portal covers now, so an API removed from the portal takes
 * its buttons with it.
 */
export function abilities(session: PortalSessionContext) {
  const has = (action: PortalAction) => apisWhere(session, action).length > 0;
  return {
    readKeys: has("read_key"),
    create: has("create_key"),
    reroll: has("reroll_key"),
    rename: has("update_key"),
    revoke: has("delete_key"),
    analytics: has("read_analytics"),
    anyKey: KEY_ACTIONS.some(has),
  };
}
