import type { ReactNode } from "react";
import "./_components/portals.css";

/** The portal pages' own styles (the form, the preview, the management row); the shell is the workspace layout's. */
export default function PortalsLayout({ children }: { children: ReactNode }) {
  return children;
}
