import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { OrderStatus } from '@/lib/orders/rules';
import { isUuid } from '@/lib/boundary';

/** Locks the order row: every status change is serialised per order. */
export async function lockOrder(tx: Tx, id: string) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'That order does not exist.');
  const [row] = await tx.$queryRaw<
    { id: string; number: number; status: OrderStatus; hold_reason: string | null }[]
  >`
    SELECT id::text, number, status::text AS status, hold_reason FROM orders WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row) throw new AppError('NOT_FOUND', 'That order does not exist.');
  return row;
}
