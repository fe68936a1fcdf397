import { apiRoute } from '@/lib/api/handler';
import { ZKpiQuery } from '@/lib/kpi/schemas';
import { kpiReport } from '@/lib/kpi/queries';

export const GET = apiRoute({ scope: 'reports:read', query: ZKpiQuery }, async ({ query }) =>
  kpiReport(query),
);
