import { apiRoute } from '@/lib/api/handler';
import { ZRecordPayoutInput } from '@/lib/ledger/fx-schemas';
import { recordPayout } from '@/lib/ledger/record-payout';

export const POST = apiRoute(
  { scope: 'ledger:write', body: ZRecordPayoutInput, idempotent: { status: 201 } },
  ({ body, actor, tx }) => recordPayout({ input: body, actor, source: 'api' }, tx),
);
