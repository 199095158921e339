import { type DeadEnd, KEYPORT_FACE } from "@/lib/ui/dead-ends";
import { escapeHtml, staticPage } from "@/lib/ui/static-page";

/** The 404 a portal link answers when its id is not a portal id, or names no portal: the portal's message card, in Keyport's colours. */
export function linkNotFoundHtml(deadEnd: DeadEnd): string {
  const content = `<h1>${escapeHtml(deadEnd.title)}</h1><p>${escapeHtml(deadEnd.body)}</p><p class="p-next">${escapeHtml(deadEnd.next)}</p>`;
  return staticPage({ title: `${deadEnd.title} · Keyport`, face: KEYPORT_FACE, content });
}
