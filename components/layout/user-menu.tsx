import Link from 'next/link';

/** Who is signed in, and the way out. `signOut` is a server action (app/_auth/actions.ts). */
export function UserMenu({ email, roles, signOut }: { email: string; roles: readonly string[]; signOut: () => Promise<void> }) {
  return (
    <div className="ml-auto flex items-center gap-3 text-sm" data-testid="user-menu">
      <Link href="/account" className="text-right leading-tight text-gray-700 hover:text-gray-900" title="Your account">
        <span className="block font-medium" data-testid="signed-in-as">
          {email}
        </span>
        <span className="block text-xs text-gray-500">{roles.length > 0 ? roles.join(', ') : 'no role'}</span>
      </Link>
      <form action={signOut}>
        <button type="submit" className="rounded-md border border-gray-300 px-3 py-1.5 text-sm text-gray-700 hover:bg-gray-50">
          Sign out
        </button>
      </form>
    </div>
  );
}
