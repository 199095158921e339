import "server-only";
import type { Db } from "@/db/client";
import { listUserSessionsPage } from "@/db/queries/console-sessions";
import { encodeCursor } from "@/lib/api/page-cursor";
import { invalidInput } from "@/lib/api/errors";
import { parseInput } from "@/lib/api/body";
import { now } from "@/lib/clock";
import { actingAuth, type ConsoleActing } from "@/lib/console/acting-auth";
import { CONSOLE_PAGE_SIZE, readCursor } from "@/lib/console/paging";
import { type SessionState, sessionState } from "@/lib/portal-sessions/list-sessions";
import { revokeSession, revokeSessionInput } from "@/lib/portal-sessions/revoke-session";

export type ConsoleSessionRow = {
  id: string;
  portalId: string;
  portalName: string;
  portalSlug: string;
  createdAt: number;
  lastSeenAt: number | null;
  expiresAt: number;
  state: SessionState;
  preview: boolean;
};

export type UserSessionsPage = { externalId: string; rows: ConsoleSessionRow[]; nextCursor?: string };

/** An externalId as the search box sends it: trimmed, 1–256 characters (portal.createSession's rule), no control characters. */
export function parseExternalId(value: string | undefined): string {
  const id = (value ?? "").trim();
  if (id.length > 256) throw invalidInput("externalId", "An externalId is at most 256 characters.", "Paste the end user's id as your app stores it.");
  if (/[\u0000-\u001f\u007f]/.test(id)) throw invalidInput("externalId", "An externalId cannot contain control characters.", "Type or paste it again without line breaks or tabs.");
  return id;
}

/**
 * One end user's portal sessions (docs/console.md "Keys and sessions"): exact externalId, newest
 * first, keyset-paged; each with its portal, times and state. An empty externalId is an empty page.
 */
export async function listUserSessions(
  db: Db,
  workspaceId: string,
  input: { externalId?: string; cursor?: string; pageSize?: number },
): Promise<UserSessionsPage> {
  const externalId = parseExternalId(input.externalId);
  const after = readCursor(input.cursor);
  if (externalId === "") return { externalId, rows: [] };
  const size = input.pageSize ?? CONSOLE_PAGE_SIZE;
  const found = await listUserSessionsPage(db, { workspaceId, externalId, after, limit: size });
  const at = now();
  const page = found.slice(0, size);
  const last = page.at(-1)?.session;
  return {
    externalId,
    rows: page.map(({ session, portalName, portalSlug }) => {
      const { state, expiresAt } = sessionState(session, at);
      return {
        id: session.id,
        portalId: session.portalId,
        portalName,
        portalSlug,
        createdAt: session.createdAt,
        lastSeenAt: session.lastSeenAt,
        expiresAt,
        state,
        preview: session.preview,
      };
    }),
    nextCursor: found.length > size && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : undefined,
  };
}

/** Ends one portal session (portal.revokeSession {sessionId}); the number revoked (0: already ended or not this workspace's). */
export async function revokeOneSession(c: ConsoleActing, sessionId: string): Promise<number> {
  const { revoked } = await revokeSession({ db: c.db, auth: actingAuth(c), input: parseInput(revokeSessionInput, { sessionId }) });
  return revoked;
}

/** Ends every still-usable session of one end user (portal.revokeSession {externalId}); the number revoked. */
export async function revokeAllSessionsOfUser(c: ConsoleActing, externalId: string): Promise<number> {
  const id = parseExternalId(externalId);
  if (id === "") throw invalidInput("externalId", "Name the end user whose sessions to revoke.", "Search for their externalId first.");
  const { revoked } = await revokeSession({ db: c.db, auth: actingAuth(c), input: parseInput(revokeSessionInput, { externalId: id }) });
  return revoked;
}
