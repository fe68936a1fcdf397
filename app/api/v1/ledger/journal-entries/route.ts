import { apiRoute } from '@/lib/api/handler';
import { ZManualEntryApiInput } from '@/lib/ledger/schemas';
import { postManualEntryApi } from '@/lib/ledger/post-manual-entry';

/** A manual journal entry (docs/decisions/036-lock-dates-in-the-database.md for the date it may carry). */
export const POST = apiRoute(
  { scope: 'ledger:write', body: ZManualEntryApiInput, idempotent: {} },
  ({ body, actor, tx }) => postManualEntryApi({ input: body, actor }, tx),
);
