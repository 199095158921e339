import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { type Db } from "@/db/client";
import { keys } from "@/db/schema";

/**
 * The invariant of rerolls (also used by lib/faults): from one key there is at most one successor;
 * a replaced key's successor exists; with expiration 0 (`revokedAtOnce`, the default) a replaced key
 * is never live. Lineages (docs/security.md "Rerolls never add spending power"): a replaced key and
 * its successor share one lineage, each lineage has exactly one newest key, and a replaced key holds
 * no credits (the balance moved to its successor).
 */
export async function assertRerollInvariant(db: Db, workspaceId: string, { revokedAtOnce = true }: { revokedAtOnce?: boolean } = {}): Promise<void> {
  const rows = await db.select().from(keys).where(eq(keys.workspaceId, workspaceId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const successors = new Map<string, number>();
  for (const r of rows) {
    if (!r.replacedBy) continue;
    expect(byId.has(r.replacedBy), `${r.id} replaced by a missing key`).toBe(true);
    successors.set(r.id, (successors.get(r.id) ?? 0) + 1);
    if (revokedAtOnce) expect(r.deletedAt, `${r.id} is replaced (expiration 0) but still live`).not.toBeNull();
    else expect(r.deletedAt !== null || r.expiresAt !== null, `${r.id} is replaced but lives forever`).toBe(true);
    expect(r.lineageId, `${r.id} is replaced but has no lineage`).not.toBeNull();
    expect(byId.get(r.replacedBy)?.lineageId, `${r.id} and its successor are in different lineages`).toBe(r.lineageId);
    expect(r.creditsRemaining === null || r.creditsRemaining === 0, `${r.id} is replaced but still holds ${r.creditsRemaining} credits`).toBe(true);
  }
  // Every key that is not an original came from exactly one parent.
  const parents = new Map<string, string[]>();
  for (const r of rows) if (r.replacedBy) parents.set(r.replacedBy, [...(parents.get(r.replacedBy) ?? []), r.id]);
  for (const [child, ps] of parents) expect(ps, `${child} has several parents`).toHaveLength(1);
  // One newest key per lineage.
  const heads = new Map<string, number>();
  for (const r of rows) if (r.lineageId && !r.replacedBy) heads.set(r.lineageId, (heads.get(r.lineageId) ?? 0) + 1);
  for (const r of rows) if (r.lineageId) expect(heads.get(r.lineageId), `lineage ${r.lineageId} has no single newest key`).toBe(1);
}
