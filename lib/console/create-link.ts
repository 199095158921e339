import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { insertConsoleLink, pruneConsoleLinks } from "@/db/queries/console";
import { type Actor, writeAudit } from "@/lib/audit/write-audit";
import { now } from "@/lib/clock";
import { newSecret, sha256 } from "@/lib/crypto/secrets";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";
import { LINK_TTL_MS } from "@/lib/console/session-policy";
import { requireWorkspace } from "@/lib/workspaces/require-workspace";

export const createConsoleLinkInput = z.strictObject({
  workspaceId: z.string().min(1).max(255).optional().describe("Open that workspace's admin view only; leave out for the operator view (every workspace)."),
});

/** Expired links are kept a day so a late click still hears "expired" rather than "not valid". */
const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;

/**
 * A one-time console link (docs/console.md "Signing in"): a code of 192 random bits from the CSPRNG,
 * stored as SHA-256 only, valid 15 minutes, redeemed once by the sign-in page's POST. With a
 * workspace (which must exist) it opens that workspace's admin view; without, the operator view.
 */
export async function createConsoleLink({ db, input, actor }: { db: Db; input: z.infer<typeof createConsoleLinkInput>; actor: Actor }) {
  const at = now();
  const code = newSecret("kcl", 24);
  const linkId = newId("cl");
  const expiresAt = at + LINK_TTL_MS;
  await db.transaction(async (tx) => {
    if (input.workspaceId !== undefined) await requireWorkspace(tx, input.workspaceId);
    await insertConsoleLink(tx, { id: linkId, codeHash: sha256(code), workspaceId: input.workspaceId ?? null, expiresAt, createdAt: at });
    // The audit log is per workspace; an operator-view link belongs to none, so it is logged (by id) instead.
    if (input.workspaceId !== undefined) await writeAudit(tx, { workspaceId: input.workspaceId, actor, event: "console.link.create", resourceId: linkId, meta: { expiresAt } });
    await pruneConsoleLinks(tx, at - KEEP_EXPIRED_MS);
  });
  if (input.workspaceId === undefined) log().info({ linkId, actor: actor.type }, "console operator link created");
  // PUBLIC_URL may carry a path prefix, so the URL is joined, not resolved; base58 needs no escaping.
  return { linkId, url: `${env().PUBLIC_URL}/console/sign-in?code=${code}`, expiresAt };
}
