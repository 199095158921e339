import type { CSSProperties, ReactNode } from "react";
import { brandStyle } from "@/lib/ui/branding";
import { Brand } from "./brand";
import { EmbedBridge } from "./embed-bridge";
import { LAYER_ID } from "./layer";
import { SignOut } from "./sign-out";
import { type Tab, Tabs } from "./tabs";

export type PortalShellProps = {
  portalId: string;
  displayName: string;
  logoUrl?: string;
  primaryColor?: string;
  /** The document language of the portal's text. */
  lang: string;
  /** "system" follows the OS; "light" / "dark" force a scheme (theme.css). */
  theme: "light" | "dark" | "system";
  externalId: string;
  /** Shows the preview banner (a preview session: changes are turned off). */
  preview: boolean;
  /** Already checked with safeReturnUrl; absent means no return link. */
  returnUrl?: string;
  tabs: Tab[];
  /** The current tab's href, when it is not the page's own address (the console's preview). */
  currentTab?: string;
  embedOrigins: string[];
  children: ReactNode;
};

/**
 * The signed-in portal's frame: branding, who is signed in, preview banner, return link, sign out,
 * tabs, and the layer dialogs and menus render into (layer.ts). One component for the portal's
 * layout and the console's live preview of a portal (docs/console.md "Portals"), so the preview
 * cannot drift from what end users see.
 */
export function PortalShell(props: PortalShellProps) {
  const { portalId, displayName, returnUrl } = props;
  return (
    <div className="portal" lang={props.lang} data-theme={props.theme === "system" ? undefined : props.theme} style={brandStyle(props.primaryColor) as CSSProperties}>
      <EmbedBridge origins={props.embedOrigins} />
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {props.preview ? (
        <div className="p-banner" role="note">
          <strong>Preview.</strong> You are seeing the portal as <strong>{props.externalId}</strong> sees it. Changes are turned off.
        </div>
      ) : null}
      <header className="p-header">
        <div className="p-header-inner">
          <div className="p-topline">
            <Brand displayName={displayName} logoUrl={props.logoUrl} />
            <div className="p-user">
              {returnUrl ? (
                <a href={returnUrl} rel="noreferrer" target="_top" className="p-back">
                  <span aria-hidden="true">←</span> Back to {displayName}
                </a>
              ) : null}
              <span>
                Signed in as <strong data-testid="signed-in-as">{props.externalId}</strong>
              </span>
              <SignOut portalId={portalId} />
            </div>
          </div>
          <Tabs tabs={props.tabs} current={props.currentTab} />
        </div>
      </header>
      <main id="main" className="p-main">
        {props.children}
      </main>
      <footer className="p-footer">Secured by Keyport</footer>
      <div id={LAYER_ID} />
    </div>
  );
}
