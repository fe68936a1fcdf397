import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client.ts';

/**
 * openQuantity (lib/orders/rules.ts) in SQL, for a query over order_lines aliased `ol`: the units
 * ordered and neither fulfilled nor cancelled, as an int.
 */
export const openQuantitySql = Prisma.raw('(ol.quantity - ol.quantity_fulfilled - ol.quantity_cancelled)');
