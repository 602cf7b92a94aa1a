import { publicRoute } from '@/lib/api/route';
import { routeDb } from '@/lib/api/route-db';
import { getAuth } from '@/lib/auth/auth';

// better-auth's own endpoints (sign-in, sign-out, session, SSO callback): they are how one
// becomes authenticated, so they are public; the library checks origins, rate-limits and
// (lib/auth/auth.ts) applies the lockout and the audit.
const handle = publicRoute('sign-in, sign-out and SSO callbacks of better-auth (lib/auth/auth.ts)', (request) => getAuth(routeDb()).handler(request));

export const GET = handle;
export const POST = handle;
