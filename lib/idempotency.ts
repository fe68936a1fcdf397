import 'server-only';
import { createHash } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client.ts';

export type IdempotentResult = { status: number; body: unknown; replayed: boolean };

const ZKey = /^[\x21-\x7e]{1,200}$/;

/** An Idempotency-Key as a use case that records it itself receives it (see apiRoute's `inUseCase`). */
export type IdempotencyRequest = { scope: string; key: string; requestHash: string; status: number };

/** Checks the key's form and fingerprints the request body; null when the request has no key. */
export function idempotencyRequest(options: {
  key: string | null;
  scope: string;
  request: unknown;
  status: number;
}): IdempotencyRequest | null {
  if (!options.key) return null;
  if (!ZKey.test(options.key))
    throw new AppError('BAD_REQUEST', 'Idempotency-Key must be 1–200 printable ASCII characters.');
  return {
    scope: options.scope,
    key: options.key,
    requestHash: requestHash(options.request),
    status: options.status,
  };
}

function requestHash(request: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(request ?? null))
    .digest('hex');
}

/** A stored key found again: its response, or 409 when the key was used for a different request. */
export function replayOf(
  stored: { requestHash: string; status: number; response: unknown },
  request: IdempotencyRequest,
): IdempotentResult {
  if (stored.requestHash !== request.requestHash) {
    throw new AppError(
      'CONFLICT',
      'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
    );
  }
  return { status: stored.status, body: stored.response, replayed: true };
}

/**
 * Runs `work` at most once per Idempotency-Key. The key row is inserted in the same transaction as
 * the work: a replay racing the first request waits on the unique key until the first commits (then
 * returns its stored response) or rolls back (then does the work itself). A failed request stores
 * nothing, so it can be retried with the same key. The same key with a different body is a 409.
 */
export async function runIdempotent(
  options: { key: string | null; scope: string; request: unknown; status: number },
  work: (tx: Tx) => Promise<unknown>,
): Promise<IdempotentResult> {
  if (!options.key) {
    const body = await db.$transaction((tx) => work(tx), { timeout: 60_000, maxWait: 10_000 });
    return { status: options.status, body, replayed: false };
  }
  const request = idempotencyRequest({ ...options, key: options.key })!;
  const key = request.key;
  return db.$transaction(
    async (tx) => {
      const inserted = await tx.$queryRaw<{ key: string }[]>`
        INSERT INTO idempotency_keys (scope, key, request_hash, status, response)
        VALUES (${options.scope}, ${key}, ${request.requestHash}, 0, 'null'::jsonb)
        ON CONFLICT (scope, key) DO NOTHING RETURNING key`;
      if (inserted.length === 0) {
        const stored = await tx.idempotencyKey.findUniqueOrThrow({
          where: { scope_key: { scope: options.scope, key } },
        });
        return replayOf(stored, request);
      }
      const body = await work(tx);
      await tx.idempotencyKey.update({
        where: { scope_key: { scope: options.scope, key } },
        data: { status: options.status, response: (body ?? null) as Prisma.InputJsonValue },
      });
      return { status: options.status, body, replayed: false };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
