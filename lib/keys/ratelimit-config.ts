import { randomBytes } from "node:crypto";
import type { KeyRatelimit } from "@/db/schema";
import { base58 } from "@/lib/crypto/secrets";

export type RatelimitInput = { name: string; limit: number; duration: number; autoApply: boolean };

/** Stored rate limits carry an id (the SDK's RatelimitResponse needs one); a kept name keeps its id. */
export function toStoredRatelimits(input: RatelimitInput[], previous: KeyRatelimit[] = []): KeyRatelimit[] {
  return input.map((r) => ({
    id: previous.find((p) => p.name === r.name)?.id ?? `rl_${base58(randomBytes(10))}`,
    name: r.name,
    limit: r.limit,
    duration: r.duration,
    autoApply: r.autoApply,
  }));
}

/** The SDK's RatelimitResponse, for a key's or an identity's stored rate limits. */
export function toRatelimitResponse(r: KeyRatelimit) {
  return { id: r.id, name: r.name, limit: r.limit, duration: r.duration, autoApply: r.autoApply };
}
