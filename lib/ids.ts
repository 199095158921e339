import { randomBytes } from "node:crypto";
import { base58 } from "@/lib/crypto/secrets";

export type IdPrefix = "ws" | "key" | "api" | "id" | "pc" | "ps" | "req";

/** Public identifiers: prefix + base58 of 12 random bytes. Not secrets; safe to log. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${base58(randomBytes(12))}`;
}
