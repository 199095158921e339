import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ExchangeCode } from "../_components/exchange-code";
import { PORTAL_ID } from "../_lib/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Signing in" };

/**
 * Landing on the createSession URL. Deliberately reads no search params on the server: the
 * one-time code stays out of server props and HTML; the client leaf redeems it with a POST.
 */
export default async function Landing({ params }: { params: Promise<{ portalId: string }> }) {
  const { portalId } = await params;
  if (!PORTAL_ID.test(portalId)) notFound();
  return (
    <div className="portal">
      <main className="p-center">
        <ExchangeCode portalId={portalId} />
        <noscript>
          <div className="p-message">
            <h1>JavaScript is needed to sign in</h1>
            <p>The portal signs you in with a one-time link that your browser redeems. Turn on JavaScript for this site, then open the link again from your app.</p>
          </div>
        </noscript>
      </main>
    </div>
  );
}
