import type { ClientMessages } from "@/lib/i18n/messages/en";

/**
 * Reroll grace choices (`portal.rerollKey` takes an `expiration` of at most 24 h): how long the old key
 * keeps working. Each names its sentence in the session's messages (`client.actions.grace`).
 */
export const GRACE_OPTIONS = [
  { ms: 0, message: "now" },
  { ms: 60_000, message: "minute1" },
  { ms: 15 * 60_000, message: "minutes15" },
  { ms: 3_600_000, message: "hour1" },
  { ms: 86_400_000, message: "hours24" },
] as const satisfies readonly { ms: number; message: keyof ClientMessages["actions"]["grace"] }[];

/** Expiry choices when creating a key from the portal; `0` means never. Names: `client.create.expiry`. */
export const EXPIRY_OPTIONS = [
  { days: 0, message: "never" },
  { days: 7, message: "days7" },
  { days: 30, message: "days30" },
  { days: 90, message: "days90" },
  { days: 365, message: "year1" },
] as const satisfies readonly { days: number; message: keyof ClientMessages["create"]["expiry"] }[];
