import { beforeAll, describe, expect, it } from "vitest";
import { now } from "@/lib/clock";
import { consoleKeyUsage } from "@/lib/console/key-usage";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";
import { windowFor } from "@/lib/ui/analytics";
import { flushVerificationEvents } from "@/lib/verification/record-event";

const HOUR = 3_600_000;

describe.each(BACKENDS)("a key's usage on its console page, on %s", (backend) => {
  const app = useTestApp(backend);
  let ws: { workspaceId: string; rootKey: string };
  let apiId: string;

  beforeAll(async () => {
    ws = await seedWorkspace("Usage");
    apiId = (await post(app.url, "/v2/apis.createApi", { name: "production" }, ws.rootKey)).body.data.apiId;
  });

  it("counts this key's verifications by outcome in zero-filled hours, and no other key's", async () => {
    const mine = (await post(app.url, "/v2/keys.createKey", { apiId, credits: { remaining: 2 } }, ws.rootKey)).body.data;
    const theirs = (await post(app.url, "/v2/keys.createKey", { apiId }, ws.rootKey)).body.data;
    for (let i = 0; i < 3; i++) await post(app.url, "/v2/keys.verifyKey", { key: mine.key }, ws.rootKey);
    for (let i = 0; i < 4; i++) await post(app.url, "/v2/keys.verifyKey", { key: theirs.key }, ws.rootKey);
    await flushVerificationEvents();

    const window = windowFor("24h", now(), "UTC");
    const buckets = await consoleKeyUsage(app.db.db, ws.workspaceId, mine.keyId, window);
    expect(buckets).toHaveLength(24);
    expect(buckets.every((b, i) => b.time === window.startTime + i * HOUR)).toBe(true);
    const current = buckets.at(-1);
    expect(current).toMatchObject({ total: 3, valid: 2, usageExceeded: 1, rateLimited: 0 });
    expect(buckets.slice(0, -1).every((b) => b.total === 0)).toBe(true);
    // Another workspace asking for this key id sees nothing.
    const other = await seedWorkspace("Other");
    expect((await consoleKeyUsage(app.db.db, other.workspaceId, mine.keyId, window)).every((b) => b.total === 0)).toBe(true);
  });
});
