// POST|GET /v2/liveness — is this server up (no auth, no database)
import { z } from "zod";
import { livenessOutput } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { noAuth } from "@/lib/auth/no-auth";

const handler = route({
  summary: "is this server up (no auth, no database)",
  auth: noAuth,
  input: z.strictObject({}),
  output: livenessOutput,
  database: false,
  handler: async () => ({ message: "OK" }),
});

export const POST = handler;
export const GET = handler;
export const dynamic = "force-dynamic";
