import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findPortalConfigWithApiIds, portalRef } from "@/db/queries/portal-configs";
import { insertPortalSession } from "@/db/queries/portal-sessions";
import { ApiError, invalidInput } from "@/lib/api/errors";
import { writeAudit } from "@/lib/audit/write-audit";
import { holdsPermission } from "@/lib/auth/permissions";
import type { RootAuth } from "@/lib/auth/root-key";
import { now } from "@/lib/clock";
import { newSecret, sha256 } from "@/lib/crypto/secrets";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { ceilingFor, type PortalAction, type PortalScope, parseSessionPermission, SCOPE_ACTIONS, sessionPermission } from "@/lib/portal-sessions/permissions";
import { returnUrlSchema } from "@/lib/portal-configs/return-url";
import { assertIntentAllowed, intentSchema, localeSchema, themeSchema } from "@/lib/portal-sessions/session-options";
import { CODE_TTL_MS } from "@/lib/portal-sessions/session-policy";
import { isValidSlug } from "@/lib/workspaces/slug";

const externalId = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, "externalId must not contain control characters");

const isScope = (value: string): value is PortalScope => Object.hasOwn(SCOPE_ACTIONS, value);

// `permissions` takes `api.<apiId|*>.<action>` or, as Unkey's document of July–August 2026 had it, a
// scope name (`keys:read`); see docs/api.md "How a backend opens the portal for a user".
const permissionString = z.string().superRefine((value, ctx) => {
  if (!parseSessionPermission(value) && !isScope(value)) {
    ctx.addIssue({
      code: "custom",
      message: `Unknown permission "${value.slice(0, 100)}".`,
      params: {
        fix: `Use api.<apiId or *>.<action> with action one of read_key, create_key, reroll_key, update_key, delete_key, read_analytics, or a scope: ${Object.keys(SCOPE_ACTIONS).join(", ")}.`,
      },
    });
  }
});

/**
 * Both body forms of docs/sessions.md "Minting": the older docs' `{slug, permissions}` and the SDK's `{portal, scopes}`.
 * One strict object (unknown fields → 400) with exactly one of each pair.
 */
export const createSessionInput = z
  .strictObject({
    slug: z.string().min(1).max(100).optional(),
    portal: z.string().min(1).max(100).optional(),
    externalId,
    permissions: z.array(permissionString).min(1).max(100).optional(),
    scopes: z
      .array(z.enum(Object.keys(SCOPE_ACTIONS) as [keyof typeof SCOPE_ACTIONS, ...(keyof typeof SCOPE_ACTIONS)[]]))
      .min(1)
      .max(10)
      .optional(),
    returnUrl: returnUrlSchema.optional(),
    preview: z.boolean().optional(),
    locale: localeSchema.optional(),
    theme: themeSchema.optional(),
    intent: intentSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.slug === undefined) === (v.portal === undefined)) {
      ctx.addIssue({ code: "custom", path: ["slug"], message: "Send exactly one of slug or portal.", params: { fix: 'Send "slug": "my-portal" (or "portal": "my-portal" / "pc_…").' } });
    }
    if ((v.permissions === undefined) === (v.scopes === undefined)) {
      ctx.addIssue({ code: "custom", path: ["permissions"], message: "Send exactly one of permissions or scopes.", params: { fix: 'Send "permissions": ["api.*.read_key"] (or "scopes": ["keys:read"]).' } });
    }
  });

export type CreateSessionInput = z.infer<typeof createSessionInput>;

function portalNotFound(requested: string): ApiError {
  // Slugs are lowercase: say so for a mixed-case slug whose lowercase form is a valid slug, without
  // revealing whether it exists. A `pc_` id is case-sensitive base58, so lowering it is never a fix.
  const lower = requested.toLowerCase();
  const hint = lower !== requested && !requested.startsWith("pc_") && isValidSlug(lower) ? ` Slugs are lowercase and matched exactly; did you mean "${lower}"?` : "";
  return new ApiError("unkey/data/portal_config_not_found", `No portal "${requested}" in this root key's workspace.${hint} Operators create portals with \`keyport portal create\`.`);
}

/**
 * portal.createSession: mints a one-time exchange code for one end user (docs/sessions.md). The session's
 * permissions are stored expanded to concrete API ids, each checked against the root key's own
 * permissions (the ceiling), so an API added to the portal later is not reached by an old session.
 * Locale, theme and intent are stored with it; an intent the granted permissions do not allow is 400.
 */
export async function createSession({ db, auth, input }: { db: Db; auth: RootAuth; input: CreateSessionInput }) {
  const requested = (input.slug ?? input.portal) as string;
  const found = await findPortalConfigWithApiIds(db, auth.workspaceId, input.portal ? portalRef(input.portal) : { slug: requested });
  const portal = found?.portal;
  // Without the mint permission the portal is "not found", exactly as if it did not exist.
  if (!portal || !auth.has("portal.*.create_portal_session", `portal.${portal.id}.create_portal_session`)) throw portalNotFound(requested);
  const preview = input.preview ?? false;
  if (!portal.enabled && !preview) {
    throw new ApiError("unkey/authorization/forbidden", "This portal is disabled. Enable it (npx --no-install keyport portal enable …) or create a preview session with preview: true.");
  }

  const apiIds = found.apiIds;
  const wanted: { apiId: string; action: PortalAction; index: number; field: string }[] = input.scopes
    ? input.scopes.map((s, index) => ({ apiId: "*", action: SCOPE_ACTIONS[s], index, field: "scopes" }))
    : (input.permissions ?? []).map((p, index) => ({
        ...(isScope(p) ? { apiId: "*", action: SCOPE_ACTIONS[p] } : (parseSessionPermission(p) as { apiId: string; action: PortalAction })),
        index,
        field: "permissions",
      }));

  const granted = new Set<string>();
  for (const w of wanted) {
    if (w.apiId !== "*" && !apiIds.includes(w.apiId)) {
      throw invalidInput(`body.${w.field}.${w.index}`, `The API "${w.apiId}" is not part of the portal "${portal.slug}".`, `Use api.*.${w.action} for every API of the portal, or one of: ${apiIds.join(", ") || "(the portal has no APIs)"}.`, `body.${w.field}.${w.index}: the API ${w.apiId} is not part of this portal.`);
    }
    for (const apiId of w.apiId === "*" ? apiIds : [w.apiId]) {
      for (const needed of ceilingFor(w.action)) {
        const permission = `api.${apiId}.${needed}`;
        if (!holdsPermission(auth.permissions, permission)) {
          throw new ApiError(
            "unkey/authorization/insufficient_permissions",
            `A portal session cannot hold more than its root key: the root key lacks "${permission}" (needed for ${w.action}).`,
          );
        }
      }
      granted.add(sessionPermission(apiId, w.action));
    }
  }

  if (input.intent) assertIntentAllowed(input.intent, granted);

  const at = now();
  const code = newSecret("pst", 24);
  const id = newId("ps");
  const codeExpiresAt = at + CODE_TTL_MS;
  await db.transaction(async (tx) => {
    await insertPortalSession(tx, {
      id,
      workspaceId: auth.workspaceId,
      portalId: portal.id,
      externalId: input.externalId,
      permissions: [...granted],
      returnUrl: input.returnUrl ?? null,
      preview,
      locale: input.locale ?? null,
      theme: input.theme ?? "system",
      intent: input.intent ?? "keys",
      createdBy: auth.rootKeyId,
      codeHash: sha256(code),
      codeExpiresAt,
      createdAt: at,
    });
    await writeAudit(tx, {
      workspaceId: auth.workspaceId,
      actor: auth.actor,
      event: "portal.session.create",
      resourceId: id,
      meta: { portalId: portal.id, externalId: input.externalId, permissions: [...granted], preview },
    });
  });
  // The portal UI lives at /portal/<pc_id>; the code rides in `session` as in Unkey's older portal docs.
  // PUBLIC_URL may carry a path prefix, so the URL is joined, not resolved; base58 needs no escaping.
  return { id, url: `${env().PUBLIC_URL}/portal/${portal.id}?session=${code}`, expiresAt: codeExpiresAt };
}

export type CreatedSession = Awaited<ReturnType<typeof createSession>>;

/**
 * The answer in the shape of the form that asked (docs/api.md): a body naming the portal by `slug`
 * (the older docs form and Unkey's July 2026 document) gets `{sessionId, url}`; one naming it by
 * `portal` (the SDK's form, whose document closes `data` to these two) gets `{id, url}`. Both ids are
 * the `ps_` id, never the code. The code's 15-minute life is documented, not answered.
 */
export function createSessionData(input: CreateSessionInput, session: CreatedSession) {
  return input.slug !== undefined ? { sessionId: session.id, url: session.url } : { id: session.id, url: session.url };
}
