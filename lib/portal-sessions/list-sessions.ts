import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { listSessionsOfWorkspace, type PortalSessionRow } from "@/db/queries/portal-sessions";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { manageablePortalIds } from "@/lib/portal-sessions/manage-scope";
import { effectiveEnd } from "@/lib/portal-sessions/session-policy";

export const listSessionsInput = z.strictObject({
  externalId: z.string().min(1).max(256).optional(),
});

export type SessionState = "pending" | "active" | "expired" | "revoked";

/** The state of a session at `at`, and when it ends (pending: the code's expiry). */
export function sessionState(row: PortalSessionRow, at: number): { state: SessionState; expiresAt: number } {
  if (row.exchangedAt === null) {
    const state = row.revokedAt !== null ? "revoked" : row.codeExpiresAt > at ? "pending" : "expired";
    return { state, expiresAt: row.codeExpiresAt };
  }
  const end = effectiveEnd(row) ?? 0;
  if (row.revokedAt !== null) return { state: "revoked", expiresAt: end };
  return { state: end > at ? "active" : "expired", expiresAt: end };
}

/** Response mapper: never the hashes. */
export function toSessionResponse(row: PortalSessionRow, at: number) {
  const { state, expiresAt } = sessionState(row, at);
  return {
    id: row.id,
    portalId: row.portalId,
    externalId: row.externalId,
    permissions: row.permissions,
    state,
    preview: row.preview,
    createdAt: row.createdAt,
    expiresAt,
    lastSeenAt: row.lastSeenAt ?? undefined,
  };
}

/** portal.listSessions (root key): sessions of the workspace, newest first, optionally of one end user. */
export async function listSessions({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof listSessionsInput> }) {
  const portalIds = await manageablePortalIds(db, auth);
  const rows = await listSessionsOfWorkspace(db, auth.workspaceId, { externalId: input.externalId, portalIds });
  const at = now();
  return rows.map((r) => toSessionResponse(r, at));
}
