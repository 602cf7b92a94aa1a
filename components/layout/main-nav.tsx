'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { NavItem } from './nav-items';

function NavLinks({ items, active }: { items: readonly NavItem[]; active?: string }) {
  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      {items.map((item) => {
        const current = active !== undefined && (active === item.href || active.startsWith(`${item.href}/`));
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 text-sm transition-colors ${
              current ? 'bg-gray-100 font-medium text-gray-900' : 'text-gray-600 hover:bg-gray-50 hover:text-gray-900'
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}

/** The sections `items` (those the signed-in person may open), with the current one marked; reads the URL, so render it inside <Suspense>. */
export function MainNav({ items }: { items: readonly NavItem[] }) {
  return <NavLinks items={items} active={usePathname()} />;
}

/** Nothing yet, while who is signed in is not known: never a link the person may not follow. */
export function MainNavFallback() {
  return <nav aria-label="Main" className="flex items-center gap-1" />;
}
