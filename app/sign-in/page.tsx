import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { SignInForm } from '@/components/auth/sign-in-form';
import { adminSignInProblem } from '@/lib/auth/admin-setup';
import { currentSubject } from '@/lib/auth/current-subject';
import { oidcConfigFrom } from '@/lib/auth/oidc-config';
import { isProduction } from '@/lib/auth/passwords';
import { getDb } from '@/lib/db/client';

export const metadata: Metadata = { title: 'Sign in' };

/** Public: this is where nobody becomes somebody (app/page-coverage.test.ts lists it). */
export default function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  return (
    <div className="mx-auto mt-12 max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight text-gray-900">Sign in to Baton</h1>
      <div className="mt-6 rounded-lg border border-gray-200 bg-white p-6">
        <Suspense fallback={<p className="text-sm text-gray-500">Loading…</p>}>
          <SignIn searchParams={searchParams} />
        </Suspense>
      </div>
    </div>
  );
}

/** Only a path on this site: never `//elsewhere` or `https://…` (no open redirect). */
function safeNext(value: string | string[] | undefined): string {
  const next = Array.isArray(value) ? value[0] : value;
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/sign-in') ? next : '/';
}

async function SignIn({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNext((await searchParams).next);
  if (await currentSubject()) redirect(next);
  const oidc = oidcConfigFrom(process.env);
  const production = isProduction();
  const setupProblem = production ? await adminSignInProblem(getDb(), { production }) : null;
  return (
    <>
      {setupProblem && (
        <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="setup-needed">
          First start: {setupProblem}.
        </p>
      )}
      <SignInForm next={next} sso={oidc ? { providerId: oidc.providerId, name: oidc.name } : null} />
    </>
  );
}
