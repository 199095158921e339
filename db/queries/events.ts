import "server-only";
import type { Db, Tx } from "@/db/client";
import { verificationEvents, type VerificationOutcome } from "@/db/schema";

export type VerificationEventRow = {
  time: number;
  workspaceId: string;
  apiId: string | null;
  keyId: string | null;
  identityId: string | null;
  outcome: VerificationOutcome;
};

/** One multi-row INSERT per batch. */
export async function insertVerificationEvents(db: Db | Tx, rows: VerificationEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(verificationEvents).values(rows);
}
