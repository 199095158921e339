import type { CSSProperties } from "react";
import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { findPortalFaceById } from "@/db/queries/portal-configs";
import { brandStyle } from "@/lib/ui/branding";
import { safeReturnUrl } from "@/lib/portal-configs/return-url";
import { Brand } from "../../_components/brand";
import { EmbedBridge } from "../../_components/embed-bridge";
import { embedOriginsOf } from "@/lib/portal-configs/embed-origins-cache";
import { PORTAL_ID } from "@/lib/portal-sessions/page-session";
import "../../embed.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Portal" };

type Copy = { title: string; body: (app: string) => string };

/** What happened and what to do, for every way a visit can end without a session. */
const REASONS: Record<string, Copy> = {
  invalid_link: {
    title: "This link can’t be used",
    body: (app) =>
      `Sign-in links work once and expire 15 minutes after they are created. This one has already been used, has expired, or was copied incompletely. Go back to ${app} and open the API keys page again to get a fresh link.`,
  },
  signed_out: {
    title: "You’re signed out",
    body: (app) => `Your session has ended on this device. To manage your API keys again, open them from ${app}.`,
  },
  session_expired: {
    title: "Your session has ended",
    body: (app) => `For your security, portal sessions end after a while, or when ${app} signs you out. Open the API keys page from ${app} again to continue.`,
  },
  no_session: {
    title: "You’re not signed in",
    body: (app) => `This portal is opened from ${app}, which signs you in automatically. Go back to ${app} and open your API keys from there.`,
  },
  rate_limited: {
    title: "Too many attempts",
    body: (app) => `There were too many failed sign-in attempts from your network. Wait a minute, then open the API keys page from ${app} again.`,
  },
  unavailable: {
    title: "This portal is unavailable",
    body: (app) => `The API keys portal has been turned off. Contact ${app} if you need to manage your keys.`,
  },
};

export default async function Ended({ params, searchParams }: { params: Promise<{ portalId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { portalId } = await params;
  const { reason } = await searchParams;
  const known = typeof reason === "string" && Object.hasOwn(REASONS, reason) ? reason : "no_session";
  const copy = REASONS[known]!;
  const face = PORTAL_ID.test(portalId) ? await findPortalFaceById(await getDb(), portalId) : undefined;
  const embedOrigins = PORTAL_ID.test(portalId) ? await embedOriginsOf(portalId) : [];
  const app = face?.displayName ?? "the app that sent you here";
  const returnUrl = safeReturnUrl(face?.returnUrl);

  return (
    <div className="portal" style={brandStyle(face?.primaryColor) as CSSProperties}>
      {/* In a frame, the host hears why the session ended; the page itself never navigates the top window. */}
      <EmbedBridge origins={embedOrigins} ended={known} />
      <main className="p-center">
        <div className="p-message card card-pad">
          {face ? <Brand displayName={face.displayName} logoUrl={face.logoUrl} /> : null}
          <h1>{copy.title}</h1>
          <p>{copy.body(app)}</p>
          {returnUrl ? (
            <div className="actions">
              <a className="btn btn-primary" href={returnUrl} rel="noreferrer" target="_top">
                Back to {face?.displayName}
              </a>
            </div>
          ) : null}
        </div>
      </main>
    </div>
  );
}
