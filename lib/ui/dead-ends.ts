import { en } from "@/lib/i18n/messages/en";

/**
 * What a page says when it cannot tell which portal a visitor came from, so it cannot name the app
 * or link back to it: what happened, and the one thing to do next (ask the app for a new link).
 * Shared by the static answers of a portal link (lib/portal-sessions/link-not-found-html.ts), the
 * "ended" page of an unknown portal and the 404 page. These know no session, so they speak English
 * (the "ended" page uses its `lang` instead when it has one: the messages' `deadEnds`).
 */
export type DeadEnd = { title: string; body: string; next: string };

export const MALFORMED_LINK: DeadEnd = en.deadEnds.malformedLink;
export const UNKNOWN_PORTAL: DeadEnd = en.deadEnds.unknownPortal;
export const PAGE_NOT_FOUND: DeadEnd = en.deadEnds.pageNotFound;

/** The brand a dead end wears: Keyport's, since it cannot know the portal's. */
export const KEYPORT_FACE = { displayName: "Keyport" } as const;
