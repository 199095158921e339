import "server-only";
import type { Db } from "@/db/client";
import { touchConsoleSession } from "@/db/queries/console";
import { now } from "@/lib/clock";
import { CONSOLE_IDLE_MS } from "@/lib/console/session-policy";
import { unsealConsoleToken } from "@/lib/console/session-cookie";
import { sha256 } from "@/lib/crypto/secrets";

/** Who is signed in to the console: a session, and the one workspace it administers (null: the operator, every workspace). */
export type ConsoleViewer = { sessionId: string; workspaceId: string | null };

/**
 * The viewer of a `console_session` cookie value, read from its row on every request so a revocation
 * acts at once; the same statement records the visit (the idle end slides, never past the 7-day cap).
 * undefined for no cookie, a foreign or tampered seal, or a revoked, idle or capped session.
 */
export async function resolveConsoleSession(db: Db, cookieValue: string | undefined): Promise<ConsoleViewer | undefined> {
  const token = await unsealConsoleToken(cookieValue);
  if (!token) return undefined;
  const row = await touchConsoleSession(db, sha256(token), now(), CONSOLE_IDLE_MS);
  return row ? { sessionId: row.id, workspaceId: row.workspaceId } : undefined;
}
