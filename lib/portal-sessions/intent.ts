import { abilities } from "@/lib/portal-sessions/abilities";
import type { PortalSessionContext } from "@/lib/portal-sessions/session-context";

import { CREATE_DIALOG_FLAG } from "@/lib/portal-sessions/intent-flag";

/**
 * Where a freshly signed-in session lands (docs/sessions.md "Locale, theme and intent"): the tab its
 * intent names, as long as the session may still see it (an API removed from the portal can take a
 * permission away after minting); otherwise its first tab — keys, usage, docs — as the tabs are ordered.
 */
export function landingPath(session: PortalSessionContext): string {
  const base = `/portal/${encodeURIComponent(session.portalId)}`;
  const can = abilities(session);
  switch (session.intent) {
    case "create_key":
      if (can.create) return `${base}/keys?${CREATE_DIALOG_FLAG}=1`;
      break;
    case "usage":
      if (can.analytics) return `${base}/analytics`;
      break;
    case "docs":
      return `${base}/docs`;
    case "keys":
      break;
  }
  if (can.anyKey) return `${base}/keys`;
  if (can.analytics) return `${base}/analytics`;
  return `${base}/docs`;
}

/**
 * Whether the keys page opens its create dialog on arrival: the session landed with intent
 * `create_key` (the flag landingPath sets), may create keys, and is not a preview (whose dialog
 * could not submit anyway). The keys page passes its search params.
 */
export function shouldOpenCreateDialog(session: PortalSessionContext, searchParams: Record<string, string | string[] | undefined>): boolean {
  return searchParams[CREATE_DIALOG_FLAG] === "1" && !session.preview && abilities(session).create;
}
