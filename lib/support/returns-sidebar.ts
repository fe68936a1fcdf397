import 'server-only';
import { db, type Tx } from '@/lib/db';

/**
 * The customer's returns and refunds for the ticket sidebar. The returns module (RMA, refunds) is
 * built on its own branch; its tables are not in this one. These two functions are the only place the
 * support desk reads them, so wiring them up is a change to this file alone: until then they answer
 * with empty lists and the sidebar says so.
 */
export type ReturnSummary = { id: string; number: number; order_number: number; status: string; created_at: string };
export type RefundSummary = { id: string; order_number: number; amount: number; currency: string; status: string; created_at: string };

/** Whether this build has the returns module (the sidebar shows "not available" instead of "none"). */
export const RETURNS_AVAILABLE = false;

export async function customerReturns(customerId: string, tx: Tx = db): Promise<ReturnSummary[]> {
  void customerId;
  void tx;
  return [];
}

export async function customerRefunds(customerId: string, tx: Tx = db): Promise<RefundSummary[]> {
  void customerId;
  void tx;
  return [];
}
