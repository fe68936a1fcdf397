import 'server-only';
import { db, type Tx } from '@/lib/db';

/** The customer's returns and refunds for the ticket sidebar, newest first. */
export type ReturnSummary = {
  id: string;
  number: number;
  order_number: number;
  status: string;
  created_at: string;
};
export type RefundSummary = {
  id: string;
  order_number: number;
  amount: number;
  currency: string;
  status: string;
  created_at: string;
};

/** How many of each the sidebar lists (the return and refund pages hold the rest). */
const SIDEBAR_LIMIT = 10;

export async function customerReturns(customerId: string, tx: Tx = db): Promise<ReturnSummary[]> {
  const rows = await tx.return.findMany({
    where: { order: { customerId } },
    orderBy: { createdAt: 'desc' },
    take: SIDEBAR_LIMIT,
    select: { id: true, number: true, status: true, createdAt: true, order: { select: { number: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    order_number: r.order.number,
    status: r.status,
    created_at: r.createdAt.toISOString(),
  }));
}

export async function customerRefunds(customerId: string, tx: Tx = db): Promise<RefundSummary[]> {
  const rows = await tx.refund.findMany({
    where: { order: { customerId } },
    orderBy: { createdAt: 'desc' },
    take: SIDEBAR_LIMIT,
    select: {
      id: true,
      amount: true,
      currency: true,
      status: true,
      createdAt: true,
      order: { select: { number: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    order_number: r.order.number,
    amount: r.amount,
    currency: r.currency,
    status: r.status,
    created_at: r.createdAt.toISOString(),
  }));
}
