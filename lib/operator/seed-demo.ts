import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { insertVerificationEvents, type VerificationEventRow } from "@/db/queries/events";
import { findPortalConfig, liveApiIdsByPortal } from "@/db/queries/portal-configs";
import { findWorkspaceBySlug } from "@/db/queries/workspaces";
import type { VerificationOutcome } from "@/db/schema";
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
import { isValidReturnUrl } from "@/lib/portal-configs/rules";
import { createWorkspace } from "@/lib/workspaces/create-workspace";

const SLUG = "demo";
const EXTERNAL_ID = "user_123";
const ALL_PERMISSIONS = ["read_key", "create_key", "reroll_key", "update_key", "delete_key", "read_analytics"].map((a) => `api.*.${a}`);
const DEMO_KEYS = [
  { name: "Production", verifications: 180 },
  { name: "Staging", verifications: 60 },
  { name: "Local development", verifications: 0 },
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
        displayName: "Demo Co API keys",
        primaryColor: "#0f766e",
        returnUrl: isValidReturnUrl(`${publicUrl}/`) ? `${publicUrl}/` : undefined,
        apiBaseUrl: isValidReturnUrl(publicUrl) ? publicUrl : undefined,
        docsMarkdown:
          "## Using your key\n\nSend it on every request:\n\n```\ncurl https://api.demo.example/v1/things -H \"Authorization: Bearer <your key>\"\n```\n\nKeys are shown once. Lost one? Roll it and update your app.",
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

  if (created) keys = await seedKeys(db, workspaceId, apiId);

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

/** Three keys for user_123, and a day of verifications spread over time so the analytics chart has a shape. */
async function seedKeys(db: Db, workspaceId: string, apiId: string) {
  return db.transaction(async (tx) => {
    const identityId = await ensureIdentity(tx, workspaceId, EXTERNAL_ID);
    const at = now();
    const events: VerificationEventRow[] = [];
    const keys: { keyId: string; name: string; key: string }[] = [];
    for (const spec of DEMO_KEYS) {
      const { keyId, key } = await mintKey(tx, { workspaceId, apiId, identityId, name: spec.name, prefix: "demo" });
      keys.push({ keyId, name: spec.name, key });
      for (let i = 0; i < spec.verifications; i++) {
        // Deterministic spread over the last 24 h, with a few refusals mixed in.
        const outcome: VerificationOutcome = i % 23 === 0 ? "RATE_LIMITED" : i % 31 === 0 ? "USAGE_EXCEEDED" : "VALID";
        events.push({ time: at - Math.floor(((i * 7919) % 1440) * 60_000), workspaceId, apiId, keyId, identityId, outcome });
      }
    }
    await insertVerificationEvents(tx, randomUUID(), events);
    return keys;
  });
}
