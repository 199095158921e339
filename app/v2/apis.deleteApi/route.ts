// POST /v2/apis.deleteApi — delete an API; its keys stop verifying at once
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { deleteApi, deleteApiInput } from "@/lib/apis/delete-api";
import { rootKeyAuth } from "@/lib/auth/root-key";

export const POST = route({
  auth: rootKeyAuth,
  input: deleteApiInput,
  handler: async ({ input, auth }) => deleteApi({ db: await getDb(), auth, input }),
});
