import { type ConsoleDeadEnd } from "@/lib/ui/console-messages";
import { escapeHtml, escapeWithCode, staticPage } from "@/lib/ui/static-page";

/** The brand every console page wears. */
export const CONSOLE_FACE = { displayName: "Keyport console" } as const;

/**
 * Drops the code from the address bar and history before anything else, so it is not left in the
 * browser's history or shown over a shoulder; the form carries it. Without JavaScript the form still works.
 */
const FORGET_CODE = `history.replaceState(history.state, "", location.pathname);`;

/**
 * The page a console link opens (docs/console.md "Signing in"): it names what the link opens and
 * redeems nothing until Continue is pressed — a plain form POST, never an automatic one, so link
 * scanners (even those that run scripts) do not use the link up. Served by a route handler, not a
 * React page, so the code is in this form only, never in a page's flight data.
 */
export function continueHtml(code: string, opens: { id: string; name: string } | null, minutesLeft: number): string {
  const what = opens
    ? `the console of the workspace <strong>${escapeHtml(opens.name)}</strong> <span class="id">(${escapeHtml(opens.id)})</span>, as its admin`
    : `the <strong>operator console</strong>: every workspace on this server`;
  const content = `<h1>Sign in to the console</h1>
<p>This link opens ${what}.</p>
<p class="p-next">It works once, for ${minutesLeft} more minute${minutesLeft === 1 ? "" : "s"}. Continue only if you asked for it.</p>
<form method="post" action="sign-in"><input type="hidden" name="code" value="${escapeHtml(code)}"><div class="actions"><button type="submit">Continue</button></div></form>`;
  return staticPage({ title: "Sign in · Keyport console", face: CONSOLE_FACE, content, script: FORGET_CODE, referrer: "same-origin" });
}

/** A link that opens nothing, or a sign-in that was refused: what happened and what to do next. */
export function deadEndHtml(deadEnd: ConsoleDeadEnd): string {
  const content = `<h1>${escapeHtml(deadEnd.title)}</h1><p>${escapeWithCode(deadEnd.body)}</p><p class="p-next">${escapeWithCode(deadEnd.next)}</p>`;
  return staticPage({ title: `${deadEnd.title} · Keyport console`, face: CONSOLE_FACE, content, script: FORGET_CODE, referrer: "same-origin" });
}
