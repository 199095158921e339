import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { RootAuth } from "@/lib/auth/root-key";
import { findKeyOr404 } from "@/lib/keys/find-key-or-404";
import { toKeyResponse } from "@/lib/keys/key-response";

export const decryptField = z
  .literal(false, { error: "Keyport stores keys as SHA-256 hashes only and cannot decrypt them. Send decrypt: false or leave it out." })
  .optional();

export const getKeyInput = z.strictObject({ keyId: z.string().min(1).max(255), decrypt: decryptField });

export async function getKey({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof getKeyInput> }) {
  const { key, identity } = await findKeyOr404(db, auth, input.keyId, "read_key");
  return toKeyResponse(key, identity);
}
