import 'server-only';
import { db, type Tx } from '@/lib/db';

export type ReturnableLine = {
  order_line_id: string;
  variant_id: string;
  sku: string;
  name: string;
  unit_price: number;
  shipped: number;
  /** units on other returns: requested/approved/in progress, or received on settled ones */
  on_returns: number;
  returnable: number;
};

/**
 * Per order line: shipped − units already on returns. A rejected return holds nothing; a settled
 * (refunded, exchanged) or closed one holds only what actually arrived, so units that never came
 * back can be returned again; every other return holds all its requested units. Call it under the
 * order's row lock when the answer decides a write (request-return.ts does).
 */
export async function returnableLines(orderId: string, tx: Tx = db): Promise<ReturnableLine[]> {
  return tx.$queryRaw<ReturnableLine[]>`
    SELECT ol.id::text AS order_line_id, ol.variant_id::text AS variant_id, ol.sku, ol.name, ol.unit_price,
           ol.quantity_fulfilled AS shipped,
           COALESCE(h.held, 0)::int AS on_returns,
           GREATEST(ol.quantity_fulfilled - COALESCE(h.held, 0), 0)::int AS returnable
    FROM order_lines ol
    LEFT JOIN (
      SELECT rl.order_line_id, SUM(CASE WHEN r.status = 'rejected' THEN 0
                                        WHEN r.status IN ('refunded', 'exchanged', 'closed') THEN rl.quantity_received
                                        ELSE rl.quantity END) AS held
      FROM return_lines rl JOIN returns r ON r.id = rl.return_id
      WHERE r.order_id = ${orderId}::uuid GROUP BY rl.order_line_id
    ) h ON h.order_line_id = ol.id
    WHERE ol.order_id = ${orderId}::uuid
    ORDER BY ol.id`;
}
