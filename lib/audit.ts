import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import type { Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';

export type AuditInput = {
  actor: Actor;
  /** verb in the past tense, dotted by entity: 'user.created', 'api_key.revoked' */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

const SECRET_KEYS = /pass(word)?|secret|token|key_?hash|keyHash|^key$/i;

/** Drops anything that looks like a secret from a snapshot before it is stored. */
export function scrub(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (k: string, v: unknown) =>
      k && SECRET_KEYS.test(k) ? undefined : typeof v === 'bigint' ? v.toString() : v,
    ),
  ) as Prisma.InputJsonValue;
}

/**
 * Writes one audit row. Call it with the transaction client of the change it records, so the row
 * exists exactly when the change does.
 */
export async function audit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorType: input.actor.type,
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      before: scrub(input.before),
      after: scrub(input.after),
    },
  });
}
