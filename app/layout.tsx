import type { Metadata } from "next";
import type { ReactNode } from "react";
import { documentLocale } from "@/lib/portal-sessions/page-locale";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keyport", template: "%s · Keyport" },
  description: "Self-hostable API keys with a customer portal",
};

/** `lang` is the portal session's language on its pages, English elsewhere (docs/sessions.md "Languages"). */
export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={await documentLocale()}>
      <body>{children}</body>
    </html>
  );
}
