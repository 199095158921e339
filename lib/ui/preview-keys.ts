import type { KeyTemplate } from "@/db/schema";
import type { PortalKeyView } from "@/lib/portal-sessions/portal-key-view";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What a key's first characters look like: the prefix and four characters, as secretStart keeps them. */
function start(prefix: string | undefined, tail: string): string {
  return prefix ? `${prefix}_${tail}` : tail;
}

/**
 * Sample keys for the console's preview of a portal (docs/console.md "Portals"): made-up rows in
 * the exact shape the keys page lists (PortalKeyView), covering what the table can say — in use,
 * never used and expiring soon, rolled and its successor — and carrying what the portal's key
 * template would give them (prefix, credits, rate limits, default expiry) and `meta` when the portal
 * shows it. No database, no secret: a preview never touches real keys.
 */
export function previewKeys({ prefix, template, showKeyMeta, now }: { prefix?: string; template: KeyTemplate; showKeyMeta: boolean; now: number }): PortalKeyView[] {
  const credits = (spent: number) =>
    template.credits ? { remaining: Math.max(0, Math.floor(template.credits.remaining * (1 - spent))), refill: template.credits.refill } : undefined;
  const ratelimits = (template.ratelimits ?? []).map((r, i) => ({ id: `rl_preview${i}`, name: r.name, limit: r.limit, duration: r.duration, autoApply: r.autoApply }));
  // A key made `age` ago expires when the template says; never before now, so the sample stays in use.
  const made = (age: number) => {
    const life = template.defaultExpiryMs;
    const createdAt = now - (life ? Math.min(age, Math.floor(life / 2)) : age);
    return { createdAt, expires: life ? createdAt + life : undefined };
  };
  const production = made(12 * DAY);
  const ci = made(40 * 60_000);
  return [
    {
      keyId: "key_preview_production",
      start: start(prefix, "3ZtK"),
      enabled: true,
      name: "Production server",
      meta: showKeyMeta ? { environment: "production", team: "platform" } : undefined,
      createdAt: production.createdAt,
      updatedAt: undefined,
      lastUsedAt: now - 2 * HOUR,
      expires: production.expires,
      credits: credits(0.4),
      ratelimits,
      replaced: undefined,
    },
    {
      keyId: "key_preview_staging",
      start: start(prefix, "8fQa"),
      enabled: true,
      name: "Staging",
      meta: undefined,
      createdAt: now - 3 * DAY,
      updatedAt: undefined,
      lastUsedAt: undefined,
      expires: now + 5 * DAY,
      credits: credits(0),
      ratelimits,
      replaced: undefined,
    },
    {
      keyId: "key_preview_ci",
      start: start(prefix, "Lm2x"),
      enabled: true,
      name: "CI runner",
      meta: undefined,
      createdAt: ci.createdAt,
      updatedAt: undefined,
      lastUsedAt: now - 5 * 60_000,
      expires: ci.expires,
      credits: credits(0),
      ratelimits,
      replaced: undefined,
    },
    {
      keyId: "key_preview_ci_old",
      start: start(prefix, "Vb7p"),
      enabled: true,
      name: "CI runner",
      meta: undefined,
      createdAt: now - 60 * DAY,
      updatedAt: now - 40 * 60_000,
      lastUsedAt: now - 50 * 60_000,
      expires: now + 20 * HOUR,
      credits: credits(1),
      ratelimits,
      replaced: { by: { keyId: "key_preview_ci", start: start(prefix, "Lm2x") } },
    },
  ];
}
