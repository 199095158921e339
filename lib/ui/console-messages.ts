import type { DeadEnd } from "@/lib/ui/dead-ends";

/**
 * What the console's sign-in and signed-out pages say (docs/console.md "Signing in"): what happened, and
 * the one thing to do next. Every way back in is a new link from the operator's CLI.
 */
const NEW_LINK = "Ask the operator for a new link: they run `keyport console-link` (add `--workspace ws_…` for one workspace) and send you what it prints.";

export type ConsoleDeadEnd = DeadEnd & { status: number };

export const CONSOLE_LINK_INCOMPLETE: ConsoleDeadEnd = {
  status: 401,
  title: "This sign-in link isn’t complete",
  body: "The console link has no code, or part of it is missing, often because it was cut off when it was copied.",
  next: NEW_LINK,
};

export const CONSOLE_LINK_UNKNOWN: ConsoleDeadEnd = {
  status: 401,
  title: "This sign-in link isn’t valid",
  body: "This server never issued this console link, or part of it changed when it was copied.",
  next: NEW_LINK,
};

export const CONSOLE_LINK_USED: ConsoleDeadEnd = {
  status: 410,
  title: "This sign-in link has been used",
  body: "Console links work once. This one has already signed a browser in; if that was not you, tell the operator, who can end every console session with `keyport console-revoke`.",
  next: NEW_LINK,
};

export const CONSOLE_LINK_EXPIRED: ConsoleDeadEnd = {
  status: 410,
  title: "This sign-in link has expired",
  body: "Console links work for 15 minutes after they are created, and this one is older.",
  next: NEW_LINK,
};

export const CONSOLE_RATE_LIMITED: ConsoleDeadEnd = {
  status: 429,
  title: "Too many attempts",
  body: "There were too many failed console sign-ins from your network in the last minute.",
  next: `Wait a minute, then open a fresh link. ${NEW_LINK}`,
};

export const CONSOLE_CROSS_SITE: ConsoleDeadEnd = {
  status: 403,
  title: "This sign-in didn’t come from the console",
  body: "The request to sign in did not come from the console’s own sign-in page, so nothing was done and the link is still unused.",
  next: "Open the link you were sent in this browser and press Continue there.",
};

export const CONSOLE_SIGNED_OUT: DeadEnd = {
  title: "You’re signed out of the console",
  body: "This browser has no console session: it was signed out, the session ended after 12 hours without a visit or 7 days after sign-in, or the operator ended it.",
  next: NEW_LINK,
};

export const CONSOLE_NOT_FOUND: DeadEnd = {
  title: "Not found",
  body: "There’s nothing in the console at this address, or it is not yours to see.",
  next: "Go back to the console’s start page and pick it from the lists there.",
};
