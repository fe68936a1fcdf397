import { apiRoute } from '@/lib/api/handler';
import { apAging } from '@/lib/purchasing/bill-queries';
import { ZApAgingQuery } from '@/lib/purchasing/bill-schemas';

export const GET = apiRoute({ scope: 'purchasing:read', query: ZApAgingQuery }, ({ query }) =>
  apAging(query),
);
