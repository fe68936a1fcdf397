import { apiRoute } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { supplierDetail } from '@/lib/purchasing/queries';
import { updateSupplier } from '@/lib/purchasing/save-supplier';
import { ZUpdateSupplierInput } from '@/lib/purchasing/schemas';

export const GET = apiRoute({ scope: 'purchasing:read' }, async ({ params }) => {
  const found = await supplierDetail(String(params.id));
  if (!found) throw new AppError('NOT_FOUND', 'That supplier does not exist.');
  return found;
});

export const PATCH = apiRoute(
  { scope: 'purchasing:write', body: ZUpdateSupplierInput },
  ({ body, actor, params }) => updateSupplier({ supplierId: String(params.id), input: body, actor }),
);
