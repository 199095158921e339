"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The portal's tabs; a client leaf only because the layout persists across navigations and the current tab changes. */
export function Tabs({ tabs, label }: { tabs: { href: string; label: string }[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav className="p-tabs" aria-label={label}>
      {tabs.map((t) => (
        <Link key={t.href} href={t.href} aria-current={pathname === t.href ? "page" : undefined} prefetch={false}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
