import "server-only";
import type { Db } from "@/db/client";
import { findConsoleLinkByCodeHash, insertConsoleSession, redeemConsoleLink } from "@/db/queries/console";
import { findWorkspace } from "@/db/queries/workspaces";
import { writeAudit } from "@/lib/audit/write-audit";
import { now } from "@/lib/clock";
import { lifetimeAtSignIn } from "@/lib/console/session-policy";
import { newSecret, sha256 } from "@/lib/crypto/secrets";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";

/** The shape of a console link's code: anything else is not looked up at all. */
const CODE = /^kcl_[1-9A-HJ-NP-Za-km-z]{20,40}$/;

/** Why a code opens nothing: never issued (or cut off), already redeemed, or past its 15 minutes. */
export type DeadLink = "unknown" | "used" | "expired";

export type SignedIn = { sessionId: string; workspaceId: string | null; token: string; expiresAt: number };

/** What a link would open, for the page that asks before redeeming it (nothing is changed). */
export async function peekConsoleLink(
  db: Db,
  code: string,
): Promise<{ ok: true; workspace: { id: string; name: string } | null; minutesLeft: number } | { ok: false; reason: DeadLink }> {
  if (!CODE.test(code)) return { ok: false, reason: "unknown" };
  const link = await findConsoleLinkByCodeHash(db, sha256(code));
  const at = now();
  if (!link) return { ok: false, reason: "unknown" };
  if (link.usedAt !== null) return { ok: false, reason: "used" };
  if (link.expiresAt <= at) return { ok: false, reason: "expired" };
  const minutesLeft = Math.max(1, Math.ceil((link.expiresAt - at) / 60_000));
  if (link.workspaceId === null) return { ok: true, workspace: null, minutesLeft };
  const ws = await findWorkspace(db, link.workspaceId);
  return ws ? { ok: true, workspace: { id: ws.id, name: ws.name }, minutesLeft } : { ok: false, reason: "unknown" };
}

/**
 * Redeems a console link once and opens a console session (docs/console.md "Signing in"). The
 * redemption is one conditional UPDATE, so of any number of parallel attempts exactly one wins; the
 * session row (its token stored as SHA-256 only) is written in the same transaction. A dead code
 * changes nothing and says why.
 */
export async function signInWithCode(db: Db, code: string): Promise<{ ok: true; session: SignedIn } | { ok: false; reason: DeadLink }> {
  if (!CODE.test(code)) return { ok: false, reason: "unknown" };
  const codeHash = sha256(code);
  const at = now();
  const session = await db.transaction(async (tx) => {
    const link = await redeemConsoleLink(tx, codeHash, at);
    if (!link) return undefined;
    const token = newSecret("kcs", 24);
    const sessionId = newId("cs");
    const { expiresAt, idleExpiresAt } = lifetimeAtSignIn(at);
    await insertConsoleSession(tx, { id: sessionId, workspaceId: link.workspaceId, tokenHash: sha256(token), createdAt: at, lastSeenAt: at, idleExpiresAt, expiresAt });
    if (link.workspaceId !== null) {
      await writeAudit(tx, { workspaceId: link.workspaceId, actor: { type: "console", id: sessionId }, event: "console.session.create", resourceId: sessionId, meta: { linkId: link.id } });
    }
    return { sessionId, workspaceId: link.workspaceId, token, expiresAt, linkId: link.id };
  });
  if (!session) {
    const link = await findConsoleLinkByCodeHash(db, codeHash);
    return { ok: false, reason: !link ? "unknown" : link.usedAt !== null ? "used" : "expired" };
  }
  // Operator sessions belong to no workspace's audit log: the sign-in is logged (ids only) instead.
  if (session.workspaceId === null) log().info({ sessionId: session.sessionId, linkId: session.linkId }, "console operator session started");
  return { ok: true, session: { sessionId: session.sessionId, workspaceId: session.workspaceId, token: session.token, expiresAt: session.expiresAt } };
}
