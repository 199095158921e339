// POST /v2/apis.createApi — create an API (a keyspace) in the root key's workspace
import { route } from "@/lib/api/route";
import { createApi, createApiInput } from "@/lib/apis/create-api";
import { createdApiOutput } from "@/lib/apis/responses";
import { rootKeyAuth } from "@/lib/auth/root-key";

export const POST = route({
  summary: "create an API (a keyspace) in the root key's workspace",
  auth: rootKeyAuth,
  input: createApiInput,
  output: createdApiOutput,
  handler: async ({ db, input, auth }) => createApi({ db, auth, input }),
});
