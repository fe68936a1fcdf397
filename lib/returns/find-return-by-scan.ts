import 'server-only';
import { db, type Tx } from '@/lib/db';
import { rmaNumberFromScan } from '@/lib/returns/rules';

/**
 * The return a code scanned at the receiving desk opens: by RMA number, else by the tracking number of
 * its return label (case-insensitive). Null when it names no return. A read: nothing is received yet.
 */
export async function findReturnByScan(
  code: string,
  tx: Tx = db,
): Promise<{ id: string; number: number } | null> {
  const trimmed = code.trim();
  if (!trimmed) return null;
  const number = rmaNumberFromScan(trimmed);
  if (number !== null) {
    const byNumber = await tx.return.findUnique({ where: { number }, select: { id: true, number: true } });
    if (byNumber) return byNumber;
  }
  return tx.return.findFirst({
    where: { labelTrackingNumber: { equals: trimmed, mode: 'insensitive' } },
    orderBy: { number: 'desc' },
    select: { id: true, number: true },
  });
}
