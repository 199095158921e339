// POST /v2/apis.getApi — read one API of the root key's workspace
import { route } from "@/lib/api/route";
import { getApi, getApiInput } from "@/lib/apis/get-api";
import { apiOutput } from "@/lib/apis/responses";
import { rootKeyAuth } from "@/lib/auth/root-key";

export const POST = route({
  summary: "read one API of the root key's workspace",
  auth: rootKeyAuth,
  input: getApiInput,
  output: apiOutput,
  handler: async ({ db, input, auth }) => getApi({ db, auth, input }),
});
