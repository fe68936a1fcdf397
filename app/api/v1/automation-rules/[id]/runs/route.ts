import { apiRoute } from '@/lib/api/handler';
import { automationRuns } from '@/lib/automation/queries';
import { ZRunsQuery } from '@/lib/automation/schemas';

export const GET = apiRoute({ scope: 'automation:read', query: ZRunsQuery }, async ({ params, query }) => ({
  data: await automationRuns(String(params.id), query),
}));
