import { apiRoute } from '@/lib/api/handler';
import { createSupplier } from '@/lib/purchasing/save-supplier';
import { supplierList } from '@/lib/purchasing/queries';
import { ZCreateSupplierInput, ZSupplierListQuery } from '@/lib/purchasing/schemas';

export const POST = apiRoute(
  { scope: 'purchasing:write', body: ZCreateSupplierInput, idempotent: {} },
  ({ body, actor, tx }) => createSupplier({ input: body, actor }, tx),
);

export const GET = apiRoute({ scope: 'purchasing:read', query: ZSupplierListQuery }, ({ query }) =>
  supplierList(query),
);
