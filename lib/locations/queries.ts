import 'server-only';
import { db, type Tx } from '@/lib/db';

export type LocationDto = {
  id: string;
  code: string;
  name: string;
  kind: 'warehouse' | 'store';
  active: boolean;
};

export async function locationList(tx: Tx = db): Promise<LocationDto[]> {
  return tx.location.findMany({
    select: { id: true, code: true, name: true, kind: true, active: true },
    orderBy: { code: 'asc' },
  });
}

export type LocationWithAddress = LocationDto & { address: Record<string, string> | null; bins: number };

export async function locationsWithAddress(tx: Tx = db): Promise<LocationWithAddress[]> {
  const rows = await tx.location.findMany({
    select: {
      id: true,
      code: true,
      name: true,
      kind: true,
      active: true,
      address: true,
      _count: { select: { bins: true } },
    },
    orderBy: { code: 'asc' },
  });
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    active: r.active,
    address: (r.address as Record<string, string> | null) ?? null,
    bins: r._count.bins,
  }));
}
