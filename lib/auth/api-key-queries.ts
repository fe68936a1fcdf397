import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { ApiKeyDto } from '@/lib/auth/api-key-schemas';

export async function apiKeyList(tx: Tx = db): Promise<ApiKeyDto[]> {
  const rows = await tx.apiKey.findMany({
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      lastUsedAt: true,
      revokedAt: true,
      createdAt: true,
      createdBy: { select: { email: true } },
    },
    orderBy: [{ createdAt: 'desc' }],
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    createdBy: r.createdBy?.email ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}
