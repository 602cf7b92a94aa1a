import Link from 'next/link';

/**
 * What a signed-in person sees on a page their roles do not allow: plainly that, what it would
 * need, and a way on. Shown by app/_auth/guarded.tsx; the data of the page is never loaded.
 */
export function NotAllowed({ what, needs, email, roles }: { what: string; needs: readonly string[]; email: string; roles: readonly string[] }) {
  return (
    <section role="alert" aria-labelledby="not-allowed-heading" className="mx-auto mt-8 max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-6" data-testid="not-allowed">
      <h1 id="not-allowed-heading" className="text-xl font-semibold text-gray-900">
        Not allowed
      </h1>
      <p className="mt-2 text-sm text-gray-800">
        You are signed in as <span className="font-medium">{email}</span>, and {what} is not something your{' '}
        {roles.length === 0 ? 'account (no role, only groups)' : `role${roles.length > 1 ? 's' : ''} (${roles.join(', ')})`} may do.
      </p>
      {needs.length > 0 && <p className="mt-1 text-sm text-gray-800">It needs the role {needs.join(' or ')}. An admin can give it to you.</p>}
      <p className="mt-4 text-sm">
        <Link href="/" className="font-medium text-blue-700 hover:underline">
          Go to your start page
        </Link>
      </p>
    </section>
  );
}
