import { databaseHealthy } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** No auth: for load balancers and uptime checks. 503 when the database is down. */
export async function GET() {
  const ok = await databaseHealthy();
  return Response.json(
    { status: ok ? 'ok' : 'error', db: ok ? 'ok' : 'down' },
    { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
