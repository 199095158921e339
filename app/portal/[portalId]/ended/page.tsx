import type { Metadata } from "next";
import { safeReturnUrl } from "@/lib/portal-configs/return-url";
import { portalFace } from "@/lib/portal-sessions/portal-face";
import { UNKNOWN_PORTAL } from "@/lib/ui/dead-ends";
import { MessageCard } from "../../_components/message-card";
import { EmbedBridge } from "../../_components/embed-bridge";
import { embedOriginsOf } from "@/lib/portal-configs/embed-origins-cache";
import "../../embed.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Portal" };

/** What happened, and the one thing to do next: every way back in is a new link from the app. */
type Copy = { title: string; body: (app: string) => string; next: (app: string) => string };

/** Every way a visit can end without a session. */
const REASONS: Record<string, Copy> = {
  invalid_link: {
    title: "This link can’t be used",
    body: () => "Sign-in links work once and expire 15 minutes after they are created. This one has already been used, has expired, or was copied incompletely.",
    next: (app) => `Ask ${app} for a new link: open the API keys page there again.`,
  },
  signed_out: {
    title: "You’re signed out",
    body: () => "Your session has ended on this device.",
    next: (app) => `To manage your API keys again, open them from ${app}: it signs you in with a new link.`,
  },
  session_expired: {
    title: "Your session has ended",
    body: (app) => `For your security, portal sessions end after a while, or when ${app} signs you out.`,
    next: (app) => `To continue, ask ${app} for a new link: open the API keys page there again.`,
  },
  no_session: {
    title: "You’re not signed in",
    body: (app) => `This portal is opened from ${app}, which signs you in with a one-time link.`,
    next: (app) => `Go back to ${app} and open your API keys from there to get a new link.`,
  },
  rate_limited: {
    title: "Too many attempts",
    body: () => "There were too many failed sign-in attempts from your network.",
    next: (app) => `Wait a minute, then ask ${app} for a new link: open the API keys page there again.`,
  },
  unavailable: {
    title: "This portal is unavailable",
    body: () => "This API keys portal has been turned off.",
    next: (app) => `Contact ${app} if you need to manage your keys.`,
  },
};

export default async function Ended({ params, searchParams }: { params: Promise<{ portalId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { portalId } = await params;
  const { reason } = await searchParams;
  const face = await portalFace(portalId);

  if (!face) {
    return (
      <MessageCard title={UNKNOWN_PORTAL.title}>
        <p>{UNKNOWN_PORTAL.body}</p>
        <p className="p-next">{UNKNOWN_PORTAL.next}</p>
      </MessageCard>
    );
  }

  // A turned-off portal says so, whichever way the visit ended.
  const key = face.enabled ? reason : "unavailable";
  const copy = (typeof key === "string" && Object.hasOwn(REASONS, key) ? REASONS[key] : undefined) ?? REASONS.no_session!;
  const returnUrl = safeReturnUrl(face.returnUrl);
  return (
    <MessageCard face={face} title={copy.title}>
      {/* In a frame, the host hears why the session ended; the page itself never navigates the top window. */}
      <EmbedBridge origins={await embedOriginsOf(portalId)} ended={typeof key === "string" && Object.hasOwn(REASONS, key) ? key : "no_session"} />
      <p>{copy.body(face.displayName)}</p>
      <p className="p-next">{copy.next(face.displayName)}</p>
      {returnUrl ? (
        <div className="actions">
          <a className="btn btn-primary" href={returnUrl} rel="noreferrer" target="_top">
            Back to {face.displayName}
          </a>
        </div>
      ) : null}
    </MessageCard>
  );
}
