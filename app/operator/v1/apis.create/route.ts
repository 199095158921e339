// POST /operator/v1/apis.create — create an API (keyspace) in a workspace
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { provisionApi, provisionApiInput } from "@/lib/operator/provision-api";

export const POST = route({
  auth: operatorAuth,
  input: provisionApiInput,
  handler: async ({ input, auth }) => provisionApi({ db: await getDb(), input, actor: auth.actor }),
});
