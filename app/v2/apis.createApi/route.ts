// POST /v2/apis.createApi — create an API (a keyspace) in the root key's workspace
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { createApi, createApiInput } from "@/lib/apis/create-api";
import { rootKeyAuth } from "@/lib/auth/root-key";

export const POST = route({
  auth: rootKeyAuth,
  input: createApiInput,
  handler: async ({ input, auth }) => createApi({ db: await getDb(), auth, input }),
});
