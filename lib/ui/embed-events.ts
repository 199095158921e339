/**
 * The messages a framed portal posts to the page that embeds it (docs/embedding.md "Events"), and
 * the one rule for where they may go. Pure, so the portal's client bridge and the tests share it.
 * No event ever carries a secret: ids and names only.
 */
export type EmbedEvent =
  | { type: "ready" }
  | { type: "resize"; height: number }
  | { type: "key.created"; keyId: string; name?: string }
  | { type: "key.rolled"; keyId: string; newKeyId: string }
  | { type: "key.revoked"; keyId: string }
  | { type: "session.ended"; reason: string };

/** What travels in `postMessage`: the event, marked so a host can tell Keyport's messages apart. */
export type EmbedMessage = EmbedEvent & { source: "keyport"; version: 1 };

/** What the embed script sends into the frame so a browser without `location.ancestorOrigins` learns its parent. */
export const HOST_HELLO = { source: "keyport-host", type: "hello", version: 1 } as const;

export function embedMessage(event: EmbedEvent): EmbedMessage {
  return { ...event, source: "keyport", version: 1 };
}

export function isHostHello(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as { source?: unknown }).source === HOST_HELLO.source && (data as { type?: unknown }).type === "hello";
}

/**
 * Whether a browser origin (`https://app.example.com`, never a pattern) is one of a portal's embed
 * origins, with the meaning CSP gives a leading `*.`: any subdomain at any depth, not the bare domain.
 */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  return allowed.some((entry) => {
    const star = entry.indexOf("://*.");
    if (star === -1) return entry === origin;
    return url.protocol === `${entry.slice(0, star)}:` && url.host.endsWith(`.${entry.slice(star + 5)}`);
  });
}

/**
 * The origin to post to: the direct parent's, from `location.ancestorOrigins` (Chromium, Safari) or
 * else the referrer of the frame's first page — and only when it is an allowed embed origin.
 * Undefined means "do not post" (not framed by an allowed origin, or not known yet).
 */
export function parentOrigin({ ancestorOrigins, referrer, allowed }: { ancestorOrigins?: readonly string[]; referrer?: string; allowed: readonly string[] }): string | undefined {
  const candidate = ancestorOrigins && ancestorOrigins.length > 0 ? ancestorOrigins[0] : referrerOrigin(referrer);
  return candidate && originAllowed(candidate, allowed) ? candidate : undefined;
}

function referrerOrigin(referrer: string | undefined): string | undefined {
  if (!referrer) return undefined;
  try {
    return new URL(referrer).origin;
  } catch {
    return undefined;
  }
}
