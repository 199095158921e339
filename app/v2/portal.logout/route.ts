// POST /v2/portal.logout — end the calling portal session and drop it from the browser's cookie
import { z } from "zod";
import { Reply } from "@/lib/api/reply";
import { emptyOutput } from "@/lib/api/responses";
import { route } from "@/lib/api/route";
import { portalSessionWriteAuth } from "@/lib/portal-sessions/authenticate";
import { logout } from "@/lib/portal-sessions/logout";
import { rebuildSessionCookies } from "@/lib/portal-sessions/merge-session-cookie";

export const POST = route({
  summary: "end the calling portal session and drop it from the browser's cookie",
  auth: portalSessionWriteAuth,
  input: z.strictObject({}),
  output: emptyOutput,
  handler: async ({ db, auth, rc }) => {
    const data = await logout({ db, session: auth });
    // Bearer callers hold no cookie of ours; browsers get their seal back without this portal.
    const cookies = auth.via === "bearer" ? [] : await rebuildSessionCookies(db, rc.req.headers.get("cookie"), { portalId: auth.portalId });
    return new Reply(data, { cookies });
  },
});
