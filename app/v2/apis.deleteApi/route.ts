// POST /v2/apis.deleteApi — delete an API; its keys stop verifying at once
import { emptyOutput } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { deleteApi, deleteApiInput } from "@/lib/apis/delete-api";
import { rootKeyAuth } from "@/lib/auth/root-key";

export const POST = route({
  summary: "delete an API; its keys stop verifying at once",
  auth: rootKeyAuth,
  input: deleteApiInput,
  output: emptyOutput,
  handler: async ({ db, input, auth }) => deleteApi({ db, auth, input }),
});
