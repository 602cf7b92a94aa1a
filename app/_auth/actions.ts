'use server';
/**
 * Sign-out, as a server action (Next.js refuses it from another origin; the session cookie is
 * SameSite=Lax besides). better-auth deletes the session row, clears the cookie (nextCookies
 * plugin) and audits `auth.sign-out` (lib/auth/auth.ts).
 */
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAuth } from '@/lib/auth/auth';

export async function signOutAction(): Promise<void> {
  // Signing out needs no permission: whoever holds the session may end it.
  await getAuth().api.signOut({ headers: await headers() });
  redirect('/sign-in');
}
