import { apiRoute } from '@/lib/api/handler';
import { enterSupplierBill } from '@/lib/purchasing/enter-bill';
import { billList } from '@/lib/purchasing/bill-queries';
import { ZBillListQuery, ZCreateBillInput } from '@/lib/purchasing/bill-schemas';

/** Enters a supplier bill against a PO; posted when the three-way match is within tolerance. */
export const POST = apiRoute(
  { scope: 'purchasing:write', body: ZCreateBillInput, idempotent: {} },
  ({ body, actor, tx }) => enterSupplierBill({ input: body, actor }, tx),
);

export const GET = apiRoute({ scope: 'purchasing:read', query: ZBillListQuery }, ({ query }) =>
  billList(query),
);
