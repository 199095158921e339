import "server-only";
import { cache } from "react";
import { type I18n, i18nFor } from "@/lib/i18n/catalogue";
import { requirePortalSession } from "@/lib/portal-sessions/page-session";

/** The session's language for a signed-in page and its metadata (docs/sessions.md "Languages"); the session lookup is shared with the page. */
export const portalI18n = cache(async (portalId: string): Promise<I18n> => i18nFor((await requirePortalSession(portalId)).locale));
