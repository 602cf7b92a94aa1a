/**
 * The optimistic first check of every page request (Next.js 16 Proxy): without a session
 * cookie, go to the sign-in page, which comes back here afterwards (`?next=`).
 *
 * Contract: this looks only at whether a session cookie is present, not whether it is valid —
 * the real check is `can()` on every page (app/_auth/guarded.tsx), server action
 * (requireAction) and route handler (route()). API routes are not redirected: they answer 401.
 */
import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';

export function proxy(request: NextRequest) {
  if (getSessionCookie(request)) return NextResponse.next();
  const signIn = new URL('/sign-in', request.url);
  const next = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (next !== '/') signIn.searchParams.set('next', next);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but the API, the sign-in page, Next's own files and public assets.
  matcher: ['/((?!api/|sign-in|_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt)$).*)'],
};
