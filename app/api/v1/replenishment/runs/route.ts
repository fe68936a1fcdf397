import { apiRoute } from '@/lib/api/handler';
import { startReplenishmentRun } from '@/lib/replenishment/start-run';
import { ZStartRunInput } from '@/lib/replenishment/schemas';

/** Queues a run: 202 {id, status}; poll GET …/runs/{id} until completed. */
export const POST = apiRoute(
  { scope: 'purchasing:write', body: ZStartRunInput, bodyOptional: true, status: 202 },
  ({ actor }) => startReplenishmentRun({ trigger: 'api', actor }),
);
