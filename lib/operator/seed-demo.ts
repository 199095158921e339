import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { insertVerificationEvents, type VerificationEventRow } from "@/db/queries/events";
import { findPortalConfig, liveApiIdsByPortal } from "@/db/queries/portal-configs";
import { findWorkspaceBySlug } from "@/db/queries/workspaces";
import { touchLastUsed } from "@/db/queries/keys";
import type { KeyTemplate, VerificationOutcome } from "@/db/schema";
import type { Actor } from "@/lib/audit/write-audit";
import { rootAuthFor } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { ensureIdentity } from "@/lib/identities/ensure-identity";
import { mintKey } from "@/lib/keys/mint-key";
import { createRootKey } from "@/lib/operator/create-root-key";
import { provisionApi } from "@/lib/operator/provision-api";
import { createSession } from "@/lib/portal-sessions/create-session";
import { createPortal } from "@/lib/portal-configs/create-portal";
import { keyFromTemplate } from "@/lib/portal-configs/key-from-template";
import { isValidReturnUrl } from "@/lib/portal-configs/rules";
import { lastUseByKey } from "@/lib/verification/last-use";
import { createWorkspace } from "@/lib/workspaces/create-workspace";

const SLUG = "demo";
const EXTERNAL_ID = "user_123";
const ALL_PERMISSIONS = ["read_key", "create_key", "reroll_key", "update_key", "delete_key", "read_analytics"].map((a) => `api.*.${a}`);
const DAY_MS = 86_400_000;
/** Made three days ago; used over the last day, the last time `quietMinutes` ago. */
const DEMO_KEYS = [
  { name: "Production", verifications: 180, quietMinutes: 2 },
  { name: "Staging", verifications: 60, quietMinutes: 180 },
  { name: "Local development", verifications: 0, quietMinutes: 0 },
];

/**
 * `keyport demo`: a workspace "Demo" (slug demo) with an API, the end user user_123 holding three
 * keys with a day of verification history, and a branded portal `demo`; then a fresh portal link
 * with every permission. Running it again reuses the workspace and mints a new link and root key.
 */
export async function seedDemo({ db, actor }: { db: Db; actor: Actor }) {
  const publicUrl = env().PUBLIC_URL;
  const existing = await findWorkspaceBySlug(db, SLUG);
  let workspaceId: string;
  let rootKeyId: string;
  let rootKey: string;
  let created = false;
  let keys: { keyId: string; name: string; key?: string }[] = [];

  if (existing) {
    workspaceId = existing.id;
    ({ keyId: rootKeyId, rootKey } = await createRootKey({ db, input: { workspaceId, name: "demo", permissions: ["*"] }, actor }));
  } else {
    created = true;
    ({ workspaceId, keyId: rootKeyId, rootKey } = await createWorkspace({ db, input: { name: "Demo", slug: SLUG }, actor }));
  }

  let portal = await findPortalConfig(db, workspaceId, SLUG);
  let apiId = portal ? (await liveApiIdsByPortal(db, [portal.id])).get(portal.id)?.[0] : undefined;
  if (!apiId) ({ apiId } = await provisionApi({ db, input: { workspaceId, name: "Demo API", prefix: "demo" }, actor }));
  if (!portal) {
    const config = await createPortal({
      db,
      actor,
      input: {
        workspaceId,
        slug: SLUG,
        apiIds: [apiId],
        displayName: "Demo Co",
        primaryColor: "#0f766e",
        returnUrl: isValidReturnUrl(`${publicUrl}/`) ? `${publicUrl}/` : undefined,
        apiBaseUrl: isValidReturnUrl(publicUrl) ? publicUrl : undefined,
        docsMarkdown:
          "## Using your key\n\n- Keys are shown **once**: keep yours in your server's secret store, never in a web page.\n- Each key allows 100 requests a minute and 10,000 in all.\n- Lost one? **Roll** it and update your app.\n\n## Limits\n\nPast the rate limit, calls are refused until the minute is up: the Usage tab shows them as *Rate limited*.",
        sessionPolicy: "fixed",
        maxKeys: 10,
        keyTemplate: { prefix: "demo", credits: { remaining: 10_000 }, ratelimits: [{ name: "requests", limit: 100, duration: 60_000, autoApply: true }] },
        enabled: true,
        showKeyMeta: false,
        embedOrigins: [],
      },
    });
    portal = await findPortalConfig(db, workspaceId, config.portalId);
  }
  if (!portal) throw new Error("demo portal vanished");

  if (created) keys = await seedKeys(db, workspaceId, apiId, portal.keyTemplate);

  const session = await createSession({
    db,
    auth: rootAuthFor({ id: rootKeyId, workspaceId, permissions: ["*"] }),
    input: { slug: SLUG, externalId: EXTERNAL_ID, permissions: ALL_PERMISSIONS },
  });

  return {
    workspaceId,
    workspaceName: existing?.name ?? "Demo",
    created,
    rootKey,
    apiId,
    portalId: portal.id,
    slug: SLUG,
    externalId: EXTERNAL_ID,
    keys,
    portalUrl: session.url,
    expiresAt: session.expiresAt,
    publicUrl,
  };
}

/**
 * Three keys for user_123, made three days ago from the portal's key template as portal.createKey
 * makes them, and a day of verifications spread over time so the analytics chart has a shape. The
 * history is what the keys show: each valid verification spent one of the template's credits, and each
 * key's lastUsedAt is its newest verification, as the events flush records it
 * (lib/verification/record-event.ts).
 */
async function seedKeys(db: Db, workspaceId: string, apiId: string, template: KeyTemplate) {
  return db.transaction(async (tx) => {
    const identityId = await ensureIdentity(tx, workspaceId, EXTERNAL_ID);
    const at = now();
    const events: VerificationEventRow[] = [];
    const keys: { keyId: string; name: string; key: string }[] = [];
    const createdAt = at - 3 * DAY_MS;
    for (const spec of DEMO_KEYS) {
      const uses = history(spec.verifications, at, spec.quietMinutes);
      const fields = keyFromTemplate(template, createdAt);
      const spent = uses.filter((u) => u.outcome === "VALID").length;
      const credits = fields.credits && { ...fields.credits, remaining: Math.max(0, fields.credits.remaining - spent) };
      const { keyId, key } = await mintKey(tx, { workspaceId, apiId, identityId, name: spec.name, ...fields, credits, createdAt });
      keys.push({ keyId, name: spec.name, key });
      for (const use of uses) events.push({ ...use, workspaceId, apiId, keyId, identityId });
    }
    await insertVerificationEvents(tx, randomUUID(), events);
    await touchLastUsed(tx, lastUseByKey(events));
    return keys;
  });
}

/**
 * `count` verifications within the last 23 h (so all of them fall inside the Usage tab's 24-hour window,
 * which ends with the current hour), deterministic, the newest `quietMinutes` before `at`; every 23rd
 * was over the rate limit.
 */
function history(count: number, at: number, quietMinutes: number): { time: number; outcome: VerificationOutcome }[] {
  const newest = at - quietMinutes * 60_000;
  return Array.from({ length: count }, (_, i) => ({
    time: newest - ((i * 7919) % (23 * 60 - quietMinutes)) * 60_000,
    outcome: i % 23 === 0 ? "RATE_LIMITED" : "VALID",
  }));
}
