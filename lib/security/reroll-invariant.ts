import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { type Db } from "@/db/client";
import { keys } from "@/db/schema";

/**
 * The invariant of rerolls (also used by lib/faults): from one key there is at most one successor;
 * a replaced key's successor exists; with expiration 0 a replaced key is never live.
 */
export async function assertRerollInvariant(db: Db, workspaceId: string): Promise<void> {
  const rows = await db.select().from(keys).where(eq(keys.workspaceId, workspaceId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const successors = new Map<string, number>();
  for (const r of rows) {
    if (!r.replacedBy) continue;
    expect(byId.has(r.replacedBy), `${r.id} replaced by a missing key`).toBe(true);
    successors.set(r.id, (successors.get(r.id) ?? 0) + 1);
    expect(r.deletedAt, `${r.id} is replaced (expiration 0) but still live`).not.toBeNull();
  }
  // Every key that is not an original came from exactly one parent.
  const parents = new Map<string, string[]>();
  for (const r of rows) if (r.replacedBy) parents.set(r.replacedBy, [...(parents.get(r.replacedBy) ?? []), r.id]);
  for (const [child, ps] of parents) expect(ps, `${child} has several parents`).toHaveLength(1);
}
