"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export type Tab = { href: string; label: string };

/**
 * The portal's tabs; a client leaf only because the layout persists across navigations and the current tab changes.
 * `current` names the current tab where the address does not (the console's preview of a portal).
 */
export function Tabs({ tabs, current }: { tabs: Tab[]; current?: string }) {
  const pathname = usePathname();
  const here = current ?? pathname;
  return (
    <nav className="p-tabs" aria-label="Portal sections">
      {tabs.map((t) => (
        <Link key={t.href} href={t.href} aria-current={here === t.href ? "page" : undefined} prefetch={false}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
