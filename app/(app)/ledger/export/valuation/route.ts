import { sessionRoute, csvResponse } from '@/lib/server-route';
import { validationError } from '@/lib/errors';
import { ZAsOfQuery } from '@/lib/ledger/schemas';
import { resolveAsOf } from '@/lib/ledger/as-of';
import { inventoryValuation } from '@/lib/inventory/queries';
import { valuationCsv } from '@/lib/ledger/csv';

/** GET /ledger/export/valuation?as_of=YYYY-MM-DD → the inventory valuation as a CSV file. */
export const GET = sessionRoute(['ledger:read', 'reports:read'], async ({ request }) => {
  const parsed = ZAsOfQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const asOf = await resolveAsOf(parsed.data.as_of);
  return csvResponse(valuationCsv(await inventoryValuation(asOf)), `inventory-valuation-${asOf.asOf}.csv`);
});
