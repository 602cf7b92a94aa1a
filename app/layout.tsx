import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { BatonLogo } from '@/components/layout/baton-logo';
import { MainNavFallback } from '@/components/layout/main-nav';
import { SiteHeaderNav } from './_auth/site-header-nav';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Baton', template: '%s · Baton' },
  description: 'Design, run and govern BPMN processes in which AI agents, systems and people work together.',
  icons: { icon: '/baton.svg' },
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <header className="sticky top-0 z-40 border-b border-gray-200 bg-white/95 backdrop-blur">
          <div className="mx-auto flex h-14 max-w-7xl items-center gap-8 px-6">
            <Link href="/" aria-label="Baton home">
              <BatonLogo />
            </Link>
            <Suspense fallback={<MainNavFallback />}>
              <SiteHeaderNav />
            </Suspense>
          </div>
        </header>
        <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
      </body>
    </html>
  );
}
