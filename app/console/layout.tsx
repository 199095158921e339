import type { Metadata } from "next";
import type { ReactNode } from "react";
import "../portal/portal.css";
import "./console.css";

// The console shows every workspace's data and, once, new root keys: never indexed, and its Referer
// reaches this origin only (its forms post back here; docs/console.md).
export const metadata: Metadata = {
  title: { default: "Console", template: "%s · Keyport console" },
  robots: { index: false, follow: false },
  referrer: "same-origin",
};

export default function ConsoleRoot({ children }: { children: ReactNode }) {
  return children;
}
