/** Reroll grace choices (`portal.rerollKey` takes an `expiration` of at most 24 h): how long the old key keeps working. */
export const GRACE_OPTIONS = [
  { ms: 0, label: "Immediately" },
  { ms: 60_000, label: "In 1 minute" },
  { ms: 15 * 60_000, label: "In 15 minutes" },
  { ms: 3_600_000, label: "In 1 hour" },
  { ms: 86_400_000, label: "In 24 hours" },
] as const;

/** Expiry choices when creating a key from the portal; `0` means never. */
export const EXPIRY_OPTIONS = [
  { days: 0, label: "Never" },
  { days: 7, label: "In 7 days" },
  { days: 30, label: "In 30 days" },
  { days: 90, label: "In 90 days" },
  { days: 365, label: "In 1 year" },
] as const;
