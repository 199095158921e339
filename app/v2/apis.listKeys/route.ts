// POST /v2/apis.listKeys — list the keys of an API, a page at a time
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { listKeys, listKeysInput } from "@/lib/apis/list-keys";
import { rootKeyAuth } from "@/lib/auth/root-key";

export const POST = route({
  auth: rootKeyAuth,
  input: listKeysInput,
  handler: async ({ input, auth }) => listKeys({ db: await getDb(), auth, input }),
});
