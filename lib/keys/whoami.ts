import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findKeyForVerification } from "@/db/queries/keys";
import { ApiError } from "@/lib/api/errors";
import type { RootAuth } from "@/lib/auth/root-key";
import { sha256 } from "@/lib/crypto/secrets";
import { toKeyResponse } from "@/lib/keys/key-response";

export const whoamiInput = z.strictObject({ key: z.string().min(1).max(512) });

/** keys.whoami: the key's record from its plaintext; a key of another workspace is 404. */
export async function whoami({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof whoamiInput> }) {
  const found = await findKeyForVerification(db, sha256(input.key));
  if (!found || found.key.workspaceId !== auth.workspaceId) throw new ApiError("unkey/data/key_not_found");
  auth.require("api.*.read_key", `api.${found.key.apiId}.read_key`);
  return toKeyResponse(found.key, found.identity);
}
