import type { Metadata } from "next";
import { safeReturnUrl } from "@/lib/portal-configs/return-url";
import { i18nFor } from "@/lib/i18n/catalogue";
import type { Messages } from "@/lib/i18n/messages/en";
import { fill } from "@/lib/i18n/translate";
import { portalFace } from "@/lib/portal-sessions/portal-face";
import { MessageCard } from "../../_components/message-card";
import { EmbedBridge } from "../../_components/embed-bridge";
import { embedOriginsOf } from "@/lib/portal-configs/embed-origins-cache";
import "../../embed.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ portalId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
type Reason = keyof Messages["ended"]["reasons"];

/** The language of the session that ended, which the redirect here passes as `lang` (lib/portal-sessions/ended-path.ts); English without one. */
const languageOf = (lang: string | string[] | undefined) => i18nFor(typeof lang === "string" ? lang : undefined);

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: languageOf((await searchParams).lang).m.ended.title };
}

/**
 * Every way a visit can end without a session (`reason`), each with what happened and the one
 * thing to do next: every way back in is a new link from the app.
 */
export default async function Ended({ params, searchParams }: Props) {
  const { portalId } = await params;
  const { reason, lang } = await searchParams;
  const { m } = languageOf(lang);
  const face = await portalFace(portalId);

  if (!face) {
    const unknown = m.deadEnds.unknownPortal;
    return (
      <MessageCard title={unknown.title}>
        <p>{unknown.body}</p>
        <p className="p-next">{unknown.next}</p>
      </MessageCard>
    );
  }

  // A turned-off portal says so, whichever way the visit ended.
  const key = face.enabled ? reason : "unavailable";
  const known: Reason = typeof key === "string" && Object.hasOwn(m.ended.reasons, key) ? (key as Reason) : "no_session";
  const copy = m.ended.reasons[known];
  const app = face.displayName;
  const returnUrl = safeReturnUrl(face.returnUrl);
  return (
    <MessageCard face={face} title={copy.title}>
      {/* In a frame, the host hears why the session ended; the page itself never navigates the top window. */}
      <EmbedBridge origins={await embedOriginsOf(portalId)} ended={known} />
      <p>{fill(copy.body, { app })}</p>
      <p className="p-next">{fill(copy.next, { app })}</p>
      {returnUrl ? (
        <div className="actions">
          <a className="btn btn-primary" href={returnUrl} rel="noreferrer" target="_top">
            {fill(m.shell.backTo, { app })}
          </a>
        </div>
      ) : null}
    </MessageCard>
  );
}
