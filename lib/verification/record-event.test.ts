import { randomUUID } from "node:crypto";
import { count, eq, sum } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertVerificationEvents, type VerificationEventRow } from "@/db/queries/events";
import { verificationEvents, verificationIdentityRollups, verificationRollups } from "@/db/schema";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";

const HOUR = 3_600_000;

describe.each(BACKENDS)("verification event batches on %s", (backend) => {
  const app = useTestApp(backend);
  /** Events of the key, and its totals in the per-key and per-user rollups. */
  const counts = async (keyId: string) => {
    const db = app.db.db;
    const [events] = await db.select({ n: count() }).from(verificationEvents).where(eq(verificationEvents.keyId, keyId));
    const [perKey] = await db.select({ n: sum(verificationRollups.total) }).from(verificationRollups).where(eq(verificationRollups.keyId, keyId));
    const [perUser] = await db.select({ n: sum(verificationIdentityRollups.total) }).from(verificationIdentityRollups).where(eq(verificationIdentityRollups.identityId, `id_${keyId}`));
    return [Number(events?.n ?? 0), Number(perKey?.n ?? 0), Number(perUser?.n ?? 0)];
  };

  it("a batch sent twice (a retry after a lost acknowledgement) is counted once, in the events and in both rollups", async () => {
    const keyId = `key_${randomUUID()}`;
    const at = Math.floor(Date.now() / HOUR) * HOUR + 1000;
    const rows: VerificationEventRow[] = Array.from({ length: 7 }, (_, i) => ({
      time: at + i,
      workspaceId: "ws_batch",
      apiId: "api_batch",
      keyId,
      identityId: `id_${keyId}`,
      outcome: i % 2 ? "VALID" : "RATE_LIMITED",
    }));
    const batchId = randomUUID();
    await insertVerificationEvents(app.db.db, batchId, rows);
    await insertVerificationEvents(app.db.db, batchId, rows);
    expect(await counts(keyId)).toEqual([7, 7, 7]);
    // Another batch with the same rows but its own id is new data and counts.
    await insertVerificationEvents(app.db.db, randomUUID(), rows);
    expect(await counts(keyId)).toEqual([14, 14, 14]);
  });
});
