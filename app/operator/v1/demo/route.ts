// POST /operator/v1/demo — seed a demo workspace, API, end user with keys and portal; return a portal link
import { z } from "zod";
import { route } from "@/lib/api/route";
import { operatorAuth } from "@/lib/operator/operator-auth";
import { demoOutput } from "@/lib/operator/responses";
import { seedDemo } from "@/lib/operator/seed-demo";

export const POST = route({
  summary: "seed a demo workspace, API, end user with keys and portal; return a portal link",
  auth: operatorAuth,
  input: z.strictObject({}),
  output: demoOutput,
  handler: async ({ db, actor }) => seedDemo({ db, actor }),
});
