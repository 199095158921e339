"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export type Tab = { href: string; label: string };

/**
 * The portal's tabs; a client leaf only because the layout persists across navigations and the current tab changes.
 * `current` names the current tab where the address does not (the console's preview of a portal); `label`
 * names the navigation in the session's language.
 */
export function Tabs({ tabs, current, label }: { tabs: Tab[]; current?: string; label: string }) {
  const pathname = usePathname();
  const here = current ?? pathname;
  return (
    <nav className="p-tabs" aria-label={label}>
      {tabs.map((t) => (
        <Link key={t.href} href={t.href} aria-current={here === t.href ? "page" : undefined} prefetch={false}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
