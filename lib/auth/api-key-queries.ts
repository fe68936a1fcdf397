import 'server-only';
import { sortSpec, type ListSort } from '@/lib/list/sort';
import { db, type Tx } from '@/lib/db';
import type { ApiKeyApiDto, ApiKeyDto } from '@/lib/auth/api-key-schemas';

const SELECT = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  createdBy: { select: { email: true } },
} as const;

type Row = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  createdBy: { email: string } | null;
};

function toDto(r: Row): ApiKeyDto {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    createdBy: r.createdBy?.email ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Every key, newest first: never the key itself nor its hash (neither is selected). */
/** The API keys list's header sort: the newest key first by default. */
export const API_KEY_SORT = sortSpec(['name', 'created', 'last', 'status'], { id: 'created', desc: true });

export async function apiKeyList(
  tx: Tx = db,
  sort: ListSort<(typeof API_KEY_SORT.columns)[number]> = API_KEY_SORT.default,
): Promise<ApiKeyDto[]> {
  const dir = sort.desc ? 'desc' : 'asc';
  const rows = await tx.apiKey.findMany({
    select: SELECT,
    orderBy: [
      sort.id === 'name'
        ? { name: dir }
        : sort.id === 'last'
          ? { lastUsedAt: { sort: dir, nulls: 'last' } }
          : sort.id === 'status'
            ? // ascending: live keys (not revoked) first
              { revokedAt: { sort: dir, nulls: 'first' } }
            : { createdAt: dir },
      { createdAt: 'desc' },
    ],
  });
  return rows.map(toDto);
}

export async function apiKeyDetail(id: string, tx: Tx = db): Promise<ApiKeyDto | null> {
  const row = await tx.apiKey.findUnique({ where: { id }, select: SELECT });
  return row ? toDto(row) : null;
}

/** The API's snake_case shape of a key. */
export function apiKeyForApi(k: ApiKeyDto): ApiKeyApiDto {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    created_by: k.createdBy,
    last_used_at: k.lastUsedAt,
    revoked_at: k.revokedAt,
    created_at: k.createdAt,
  };
}
