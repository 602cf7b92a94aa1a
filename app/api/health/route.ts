import { connection } from 'next/server';
import { publicRoute } from '@/lib/api/route';

/** Liveness probe for process managers and the e2e web server. Reveals nothing. */
export const GET = publicRoute('liveness probe; answers { status: "ok" } and nothing else', async () => {
  await connection();
  return Response.json({ status: 'ok' });
});
