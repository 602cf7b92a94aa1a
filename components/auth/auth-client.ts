/**
 * better-auth's browser client: it talks to app/api/auth/[...all] on this site (same origin,
 * so the session cookie is set by the response and never readable by scripts).
 */
import { createAuthClient } from 'better-auth/client';

export const authClient = createAuthClient();
