import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { RootAuth } from "@/lib/auth/root-key";
import { findIdentityOr404, identityRef } from "@/lib/identities/identity-fields";
import { toIdentityResponse } from "@/lib/identities/identity-response";

export const getIdentityInput = z.strictObject({ identity: identityRef });

export async function getIdentity({ db, auth, input }: { db: Db; auth: RootAuth; input: z.infer<typeof getIdentityInput> }) {
  const row = await findIdentityOr404(db, auth.workspaceId, input.identity);
  auth.require("identity.*.read_identity", `identity.${row.id}.read_identity`);
  return toIdentityResponse(row);
}
