// POST /operator/v1/apis.create — create an API (keyspace) in a workspace
import { route } from "@/lib/api/route";
import { createdApiOutput } from "@/lib/apis/responses";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { provisionApi, provisionApiInput } from "@/lib/operator/provision-api";

export const POST = route({
  summary: "create an API (keyspace) in a workspace",
  auth: operatorAuth,
  input: provisionApiInput,
  output: createdApiOutput,
  handler: async ({ db, input, actor }) => provisionApi({ db, input, actor }),
});
