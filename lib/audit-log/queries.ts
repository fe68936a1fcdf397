import 'server-only';
import { sortSpec, type ListSort } from '@/lib/list/sort';
import { z } from 'zod';
import { db, type Tx } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client.ts';

export const ZAuditQuery = z.object({
  entity: z.string().trim().max(40).optional().catch(undefined),
  actor: z.string().trim().max(254).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

export type AuditRow = {
  id: number;
  at: string;
  actor: string;
  actor_type: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
};

/**
 * The audit log's header sort: by time (the id, which is also the keyset), newest first by default;
 * oldest first, `before` is the last id shown and the next page starts after it.
 */
export const AUDIT_SORT = sortSpec(['when'], { id: 'when', desc: true });

/** The audit log, newest first, 50 at a time (keyset on id), filtered by entity type and actor. */
export async function auditLog(
  query: z.infer<typeof ZAuditQuery>,
  tx: Tx = db,
  sort: ListSort<(typeof AUDIT_SORT.columns)[number]> = AUDIT_SORT.default,
): Promise<{ rows: AuditRow[]; next_before: number | null; entity_types: string[] }> {
  const rows = await tx.auditLog.findMany({
    where: {
      ...(query.entity ? { entityType: query.entity } : {}),
      ...(query.actor ? { actorLabel: { contains: query.actor, mode: 'insensitive' } } : {}),
      ...(query.before
        ? { id: sort.desc ? { lt: BigInt(query.before) } : { gt: BigInt(query.before) } }
        : {}),
    },
    orderBy: { id: sort.desc ? 'desc' : 'asc' },
    take: 51,
  });
  const types = await tx.$queryRaw<
    { entity_type: string }[]
  >`SELECT DISTINCT entity_type FROM audit_log ORDER BY 1`;
  const page = rows.slice(0, 50).map((r) => ({
    id: Number(r.id),
    at: r.createdAt.toISOString(),
    actor: r.actorLabel,
    actor_type: r.actorType,
    action: r.action,
    entity_type: r.entityType,
    entity_id: r.entityId,
    before: r.before,
    after: r.after,
  }));
  return {
    rows: page,
    next_before: rows.length > 50 ? page[page.length - 1].id : null,
    entity_types: types.map((t) => t.entity_type),
  };
}

/** The audit rows `where` picks, oldest first, as a record's timeline shows them (order, return). */
export async function auditTimeline(where: Prisma.AuditLogWhereInput, tx: Tx = db) {
  const rows = await tx.auditLog.findMany({
    where,
    orderBy: { id: 'asc' },
    select: { id: true, action: true, actorLabel: true, after: true, createdAt: true },
  });
  return rows.map((r) => ({
    id: String(r.id),
    action: r.action,
    actor: r.actorLabel,
    details: r.after,
    at: r.createdAt.toISOString(),
  }));
}
