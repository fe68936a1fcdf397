import 'server-only';
import { db, type Tx } from '@/lib/db';

export type LocationDto = { id: string; code: string; name: string; kind: 'warehouse' | 'store'; active: boolean };

export async function locationList(tx: Tx = db): Promise<LocationDto[]> {
  return tx.location.findMany({ select: { id: true, code: true, name: true, kind: true, active: true }, orderBy: { code: 'asc' } });
}
