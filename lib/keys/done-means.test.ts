import { Unkey } from "@unkey/api";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { advanceClock, resetClock } from "@/lib/clock";
import { BACKENDS } from "@/lib/testing/test-db";
import { useTestApp } from "@/lib/testing/test-app";
import { post, seedWorkspace } from "@/lib/testing/fixtures";
import { flushVerificationEvents } from "@/lib/verification/record-event";

/** How many bytes a base58 string encodes: each leading "1" is a zero byte, the rest a big-endian number. */
function base58Bytes(text: string): number {
  const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  let n = 0n;
  for (const c of text) {
    const digit = ALPHABET.indexOf(c);
    if (digit < 0) throw new Error(`not base58: ${c}`);
    n = n * 58n + BigInt(digit);
  }
  const zeros = text.length - text.replace(/^1+/, "").length;
  return zeros + (n === 0n ? 0 : Math.ceil(n.toString(16).length / 2));
}

function rowsOf<T>(res: unknown): T[] {
  return Array.isArray(res) ? (res as T[]) : (res as { rows: T[] }).rows;
}

/** A provisioning-to-verification script using only @unkey/api, on PGlite and on Postgres. */
describe.each(BACKENDS)("@unkey/api end-to-end script on %s", (backend) => {
  const app = useTestApp(backend);
  let unkey: Unkey;
  let workspaceId: string;
  let rootKeyId: string;

  beforeAll(async () => {
    const ws = await seedWorkspace();
    workspaceId = ws.workspaceId;
    rootKeyId = ws.keyId;
    unkey = new Unkey({ rootKey: ws.rootKey, serverURL: app.url });
  });
  afterEach(() => resetClock());

  it("create → verify → exhaust → reroll with grace → delete, events and audit recorded", async () => {
    const { apiId } = (await unkey.apis.createApi({ name: "production" })).data;
    const created = (await unkey.keys.createKey({ apiId, prefix: "acme", externalId: "user_123", credits: { remaining: 3 } })).data;
    expect(created.key.startsWith("acme_")).toBe(true);

    const first = (await unkey.keys.verifyKey({ key: created.key })).data;
    expect(first).toMatchObject({ valid: true, code: "VALID", credits: 2, identity: { externalId: "user_123" } });
    expect((await unkey.keys.verifyKey({ key: created.key, credits: { cost: 2 } })).data).toMatchObject({ valid: true, credits: 0 });
    const exhausted = (await unkey.keys.verifyKey({ key: created.key })).data;
    expect(exhausted).toMatchObject({ valid: false, code: "USAGE_EXCEEDED", credits: 0, keyId: created.keyId });

    // Top up, then reroll with a 60 s grace: both keys verify, the new one keeps the configuration.
    expect((await unkey.keys.updateCredits({ keyId: created.keyId, operation: "set", value: 10 })).data).toEqual({ remaining: 10 });
    const rolled = (await unkey.keys.rerollKey({ keyId: created.keyId, expiration: 60_000 })).data;
    expect(rolled.key.startsWith("acme_")).toBe(true);
    expect(rolled.keyId).not.toBe(created.keyId);
    // One balance for the lineage (docs/security.md "Rerolls never add spending power"): 10, minus the
    // old key's verification, minus the new key's.
    expect((await unkey.keys.verifyKey({ key: created.key })).data).toMatchObject({ code: "VALID", credits: 9 });
    const fresh = (await unkey.keys.verifyKey({ key: rolled.key })).data;
    expect(fresh).toMatchObject({ valid: true, code: "VALID", credits: 8, identity: { externalId: "user_123" } });

    advanceClock(61_000);
    expect((await unkey.keys.verifyKey({ key: created.key })).data).toMatchObject({ valid: false, code: "EXPIRED" });
    expect((await unkey.keys.verifyKey({ key: rolled.key })).data.code).toBe("VALID");

    expect((await unkey.keys.deleteKey({ keyId: rolled.keyId })).data).toEqual({});
    expect((await unkey.keys.verifyKey({ key: rolled.key })).data).toEqual({ valid: false, code: "NOT_FOUND" });

    await flushVerificationEvents();
    const events = rowsOf<{ outcome: string; key_id: string; identity_id: string | null; api_id: string }>(
      await app.db.db.execute(sql`select outcome, key_id, identity_id, api_id from verification_events where workspace_id = ${workspaceId} order by id`),
    );
    expect(events.map((e) => e.outcome)).toEqual(["VALID", "VALID", "USAGE_EXCEEDED", "VALID", "VALID", "EXPIRED", "VALID", "NOT_FOUND"]);
    expect(events[0]).toMatchObject({ key_id: created.keyId, api_id: apiId });
    expect(events[0]?.identity_id).toMatch(/^id_/);
    const lastUsed = rowsOf<{ last_used_at: string | number | null }>(await app.db.db.execute(sql`select last_used_at from keys where id = ${created.keyId}`))[0];
    expect(lastUsed?.last_used_at).not.toBeNull();

    const audit = rowsOf<{ event: string; actor_id: string; actor_type: string }>(
      await app.db.db.execute(sql`select event, actor_id, actor_type from audit_log where workspace_id = ${workspaceId} and actor_type = 'root_key' order by id`),
    );
    expect(audit.map((a) => a.event)).toEqual(["api.create", "key.create", "key.update_credits", "key.reroll", "key.delete"]);
    for (const a of audit) expect(a.actor_id).toBe(rootKeyId);
  });

  it("reroll with expiration 0 revokes the old key at once; a rerolled key cannot be rerolled again", async () => {
    const { apiId } = (await unkey.apis.createApi({ name: "reroll" })).data;
    const created = (await unkey.keys.createKey({ apiId, byteLength: 32, name: "n", meta: { a: 1 }, permissions: ["p.read"] })).data;
    const rolled = (await unkey.keys.rerollKey({ keyId: created.keyId, expiration: 0 })).data;
    expect((await unkey.keys.verifyKey({ key: created.key })).data.code).toBe("NOT_FOUND");
    const got = (await unkey.keys.getKey({ keyId: rolled.keyId })).data;
    expect(got).toMatchObject({ name: "n", meta: { a: 1 }, permissions: ["p.read"], enabled: true });
    expect(base58Bytes(rolled.key)).toBe(32); // the roll kept byteLength 32 (no prefix: the key is all base58)
    const again = await post(app.url, "/v2/keys.rerollKey", { keyId: created.keyId, expiration: 0 }, undefined, {
      Authorization: `Bearer ${(unkey as unknown as { _options: { rootKey: string } })._options.rootKey}`,
    });
    expect(again.status).toBe(404);
  });

  it("pages through 250 keys with no duplicate and no gap, also while keys are added", async () => {
    const { apiId } = (await unkey.apis.createApi({ name: "paging" })).data;
    const ids = new Set<string>();
    for (let i = 0; i < 250; i += 25) {
      const batch = await Promise.all(Array.from({ length: 25 }, () => unkey.keys.createKey({ apiId, externalId: i % 50 === 0 ? "pager" : undefined })));
      for (const b of batch) ids.add(b.data.keyId);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const res = (await unkey.apis.listKeys({ apiId, limit: 40, cursor })).result;
      seen.push(...res.data.map((k) => k.keyId));
      pages++;
      // A key added mid-paging must not shift or duplicate what comes next.
      if (pages === 2) await unkey.keys.createKey({ apiId });
      if (!res.pagination.hasMore) {
        expect(res.pagination.cursor).toBeUndefined();
        break;
      }
      cursor = res.pagination.cursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);
    expect(seen.length).toBe(251);
    // The SDK's own page iterator follows pagination.cursor to the end.
    const viaIterator: string[] = [];
    for await (const page of await unkey.apis.listKeys({ apiId, limit: 100, externalId: "pager" })) {
      viaIterator.push(...page.result.data.map((k) => k.identity?.externalId ?? "none"));
    }
    expect(viaIterator).toEqual(Array(125).fill("pager")); // 5 batches of 25 were created for "pager"
    expect((await unkey.apis.listKeys({ apiId, externalId: "nobody" })).result.data).toEqual([]);
  });
});
