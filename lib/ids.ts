import { randomFillSync } from "node:crypto";
import { base58 } from "@/lib/crypto/secrets";

export type IdPrefix = "ws" | "key" | "api" | "id" | "pc" | "ps" | "cl" | "cs" | "req";

const ID_BYTES = 12;
/** Ids are drawn from a pool filled 4 KiB at a time: one CSPRNG call per 341 ids instead of one per id (every request gets a req_ id). */
const pool = Buffer.alloc(ID_BYTES * 341);
let offset = pool.length;

/** Public identifiers: prefix + base58 of 12 random bytes. Not secrets; safe to log. (Secrets come from newSecret, never from this pool.) */
export function newId(prefix: IdPrefix): string {
  if (offset + ID_BYTES > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return `${prefix}_${base58(bytes)}`;
}
