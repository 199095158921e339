// POST /v2/apis.listKeys — list the keys of an API, a page at a time
import { route } from "@/lib/api/route";
import { listKeys, listKeysInput } from "@/lib/apis/list-keys";
import { apiKeyListOutput } from "@/lib/apis/responses";
import { rootKeyAuth } from "@/lib/auth/root-key";

export const POST = route({
  summary: "list the keys of an API, a page at a time",
  auth: rootKeyAuth,
  input: listKeysInput,
  output: apiKeyListOutput,
  paginated: true,
  handler: async ({ db, input, auth }) => listKeys({ db, auth, input }),
});
