"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/** A workspace's sections, in the order docs/console.md describes them. */
export const CONSOLE_SECTIONS = [
  { path: "", label: "Overview" },
  { path: "/apis", label: "APIs" },
  { path: "/portals", label: "Portals" },
  { path: "/root-keys", label: "Root keys" },
  { path: "/keys", label: "Keys" },
  { path: "/sessions", label: "Sessions" },
  { path: "/audit", label: "Audit log" },
  { path: "/usage", label: "Usage" },
] as const;

/**
 * The section links of a workspace. A client leaf only because the layout persists across navigations
 * while the current section changes; a section is current on its own page and on the pages under it
 * (a key's page is under Keys). On a phone the row scrolls sideways, the current link kept in view.
 */
export function ConsoleNav({ workspaceId }: { workspaceId: string }) {
  const pathname = usePathname();
  const base = `/console/w/${workspaceId}`;
  const current = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    current.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  return (
    <nav className="c-nav" aria-label="Workspace sections">
      {CONSOLE_SECTIONS.map((s) => {
        const href = base + s.path;
        const here = s.path === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link key={s.path} href={href} aria-current={here ? "page" : undefined} ref={here ? current : undefined} prefetch={false}>
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
