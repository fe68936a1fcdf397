import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { SavedViewDto } from '@/lib/orders/save-view';

/** The user's saved order-list views, by name. */
export async function savedViews(userId: string, tx: Tx = db): Promise<SavedViewDto[]> {
  if (!userId) return [];
  return tx.savedView.findMany({
    where: { userId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, query: true },
  });
}
