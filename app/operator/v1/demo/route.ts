// POST /operator/v1/demo — seed a demo workspace, API, end user with keys and portal; return a portal link
import { z } from "zod";
import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { seedDemo } from "@/lib/operator/seed-demo";

export const POST = route({
  auth: operatorAuth,
  input: z.strictObject({}),
  handler: async ({ auth }) => seedDemo({ db: await getDb(), actor: auth.actor }),
});
