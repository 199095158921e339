// POST /v2/portal.getSession — branding, end user, permissions and expiry of the calling portal session
import { z } from "zod";
import { route } from "@/lib/api/route";
import { portalSessionAuth } from "@/lib/portal-sessions/authenticate";
import { getSession } from "@/lib/portal-sessions/get-session";
import { portalSessionOutput } from "@/lib/portal-sessions/responses";

export const POST = route({
  summary: "branding, end user, permissions and expiry of the calling portal session",
  auth: portalSessionAuth,
  input: z.strictObject({}),
  output: portalSessionOutput,
  handler: async ({ auth }) => getSession({ session: auth }),
});
