import type { CSSProperties, ReactNode } from "react";
import { KEYPORT_FACE } from "@/lib/ui/dead-ends";
import { brandStyle } from "@/lib/ui/branding";
import { Brand } from "./brand";

type Face = { displayName: string; logoUrl?: string | null; primaryColor?: string | null };

/**
 * A page that is one message: a centred card with the portal's brand (Keyport's when the portal is
 * unknown), a heading and what follows it. The "ended" pages and the 404 page; the landing page draws
 * the same card as static HTML (lib/ui/static-page.ts).
 */
export function MessageCard({ face = KEYPORT_FACE, title, children }: { face?: Face; title: string; children: ReactNode }) {
  return (
    <div className="portal" style={brandStyle(face.primaryColor) as CSSProperties}>
      <main className="p-center">
        <div className="p-message card card-pad">
          <Brand displayName={face.displayName} logoUrl={face.logoUrl} />
          <h1>{title}</h1>
          {children}
        </div>
      </main>
    </div>
  );
}
