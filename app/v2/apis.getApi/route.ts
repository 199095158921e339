// POST /v2/apis.getApi — read one API of the root key's workspace
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { getApi, getApiInput } from "@/lib/apis/get-api";
import { rootKeyAuth } from "@/lib/auth/root-key";

export const POST = route({
  auth: rootKeyAuth,
  input: getApiInput,
  handler: async ({ input, auth }) => getApi({ db: await getDb(), auth, input }),
});
