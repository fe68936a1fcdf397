import { sessionRoute, csvResponse } from '@/lib/server-route';
import { validationError } from '@/lib/errors';
import { ZAsOfQuery } from '@/lib/ledger/schemas';
import { resolveAsOf } from '@/lib/ledger/as-of';
import { trialBalance } from '@/lib/ledger/queries';
import { trialBalanceCsv } from '@/lib/ledger/csv';
import { shopSettings } from '@/lib/settings/queries';

/** GET /ledger/export/trial-balance?as_of=YYYY-MM-DD → the trial balance as a CSV file. */
export const GET = sessionRoute('ledger:read', async ({ request }) => {
  const parsed = ZAsOfQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const asOf = await resolveAsOf(parsed.data.as_of);
  const [tb, settings] = await Promise.all([trialBalance(asOf), shopSettings()]);
  return csvResponse(trialBalanceCsv(tb, settings.currency), `trial-balance-${asOf.asOf}.csv`);
});
