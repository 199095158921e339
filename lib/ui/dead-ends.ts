/**
 * What a page says when it cannot tell which portal a visitor came from, so it cannot name the app
 * or link back to it: what happened, and the one thing to do next (ask the app for a new link).
 * Shared by the static answers of a portal link (lib/portal-sessions/link-not-found-html.ts), the
 * "ended" page of an unknown portal and the 404 page.
 */
export type DeadEnd = { title: string; body: string; next: string };

const ASK_FOR_A_NEW_LINK = "To get a new link, go back to the app that sent you and open your API keys from there.";

export const MALFORMED_LINK: DeadEnd = {
  title: "This link isn’t complete",
  body: "Part of this portal link is missing or changed, often because it was cut off when it was copied.",
  next: ASK_FOR_A_NEW_LINK,
};

export const UNKNOWN_PORTAL: DeadEnd = {
  title: "We can’t find this portal",
  body: "This link points to an API keys portal that doesn’t exist, or no longer does.",
  next: ASK_FOR_A_NEW_LINK,
};

export const PAGE_NOT_FOUND: DeadEnd = {
  title: "Page not found",
  body: "There’s nothing at this address. It may have been mistyped, or the page has moved.",
  next: "Managing your API keys? Go back to the app that sent you and open them from there: it gives you a new link.",
};

/** The brand a dead end wears: Keyport's, since it cannot know the portal's. */
export const KEYPORT_FACE = { displayName: "Keyport" } as const;
