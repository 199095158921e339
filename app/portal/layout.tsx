import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./portal.css";

// Portal pages are per-user and never cached, indexed or leaked through a Referer (docs/sessions.md).
export const metadata: Metadata = {
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default function PortalRoot({ children }: { children: ReactNode }) {
  return children;
}
