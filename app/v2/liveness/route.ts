// POST|GET /v2/liveness — is this server up (no auth, no database)
import { z } from "zod";
import { route } from "@/lib/api/route";
import { noAuth } from "@/lib/auth/root-key";

const handler = route({
  auth: noAuth,
  input: z.strictObject({}),
  handler: async () => ({ message: "OK" }),
});

export const POST = handler;
export const GET = handler;
export const dynamic = "force-dynamic";
