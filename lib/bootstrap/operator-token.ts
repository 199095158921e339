import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getDb } from "@/db/client";
import { getOrCreateSetting } from "@/db/queries/settings";
import { base58, sha256 } from "@/lib/crypto/secrets";
import { env } from "@/lib/env";

const SETTING = "operator_token_sha256";
const storedHashes = new WeakMap<object, string>();

export function operatorTokenFile(): string {
  return path.join(/*turbopackIgnore: true*/ env().KEYPORT_DATA_DIR, "operator-token");
}

/**
 * The stored token hash, generating the token when there is none yet: its SHA-256 goes into
 * `settings` (so every process on one Postgres shares it) and the plaintext into
 * `<data dir>/operator-token`, mode 0600, for the CLI. `created` is set only for the process that
 * created it, so the banner prints the token once. Insert-or-ignore makes concurrent starts agree.
 */
async function storedTokenHash(): Promise<{ hash: string; created?: string }> {
  const candidate = `kpo_${base58(randomBytes(32))}`;
  const { value, created } = await getOrCreateSetting(await getDb(), SETTING, () => sha256(candidate));
  if (!created) return { hash: value };
  const file = operatorTokenFile();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, candidate + "\n", { mode: 0o600 });
  chmodSync(file, 0o600); // a pre-existing file keeps its old mode on write
  return { hash: value, created: candidate };
}

/** Makes sure the server has an operator token (docs/operations.md); KEYPORT_OPERATOR_TOKEN wins when set. */
export async function ensureOperatorToken(): Promise<{ source: "env" | "generated" | "existing"; created?: string; file?: string }> {
  if (env().KEYPORT_OPERATOR_TOKEN) return { source: "env" };
  const { created } = await storedTokenHash();
  return { source: created ? "generated" : "existing", created, file: operatorTokenFile() };
}

/** SHA-256 hashes of every token accepted now: the configured ones, else the generated one. */
async function acceptedHashes(): Promise<string[]> {
  const configured = env().KEYPORT_OPERATOR_TOKEN;
  if (configured) {
    return configured
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean)
      .map(sha256);
  }
  // The stored hash never changes once written; cache it per database handle. (`next dev` skips
  // bin/server.mjs: there the first operator call creates the token file.)
  const db = await getDb();
  let hash = storedHashes.get(db);
  if (!hash) storedHashes.set(db, (hash = (await storedTokenHash()).hash));
  return [hash];
}

/** Constant-time comparison of the presented token's hash with every accepted hash. */
export async function isOperatorToken(token: string): Promise<boolean> {
  const presented = Buffer.from(sha256(token), "base64");
  let ok = false;
  for (const hash of await acceptedHashes()) {
    const expected = Buffer.from(hash, "base64");
    if (expected.length === presented.length && timingSafeEqual(expected, presented)) ok = true;
  }
  return ok;
}
