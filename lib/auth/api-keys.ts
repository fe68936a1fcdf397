import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { db, sqlQuery } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { scopesHave, type Permission } from '@/lib/auth/permissions';

const KEY_PREFIX = 'brk_';

/** A new random key (256 bits) and what is stored of it: a SHA-256 hash and a short prefix. */
export function generateApiKey() {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, KEY_PREFIX.length + 8), keyHash: hashApiKey(key) };
}

/**
 * A fast hash is right for a 256-bit random key (unlike a password, it cannot be guessed), and it lets
 * the key be looked up by its hash through a unique index.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Authenticates `Authorization: Bearer <key>` and checks the key's scopes.
 * Missing, unknown or revoked key → UNAUTHENTICATED (401); a key without the scope → FORBIDDEN (403).
 */
export async function authenticateApiKey(
  authorization: string | null,
  permission: Permission | null,
): Promise<Actor & { type: 'api_key' }> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match)
    throw new AppError(
      'UNAUTHENTICATED',
      'Send an API key as "Authorization: Bearer <key>". Create one in Settings → API keys.',
    );
  // One prepared statement on the pool, without the ORM's pipeline: every API request pays it (decisions 044,
  // 051).
  const [row] = await sqlQuery<{
    id: string;
    name: string;
    scopes: string[];
    revokedAt: Date | null;
    lastUsedAt: Date | null;
  }>(
    `SELECT id, name, scopes, revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"
       FROM api_keys WHERE key_hash = $1`,
    [hashApiKey(match[1])],
    'api_key_by_hash',
  );
  if (!row || row.revokedAt)
    throw new AppError('UNAUTHENTICATED', 'The API key is invalid or has been revoked.');
  if (permission && !scopesHave(row.scopes, permission)) {
    throw new AppError('FORBIDDEN', `The API key lacks the "${permission}" scope.`, {
      required_scope: permission,
    });
  }
  // Record use at most once a minute per key, so a busy integration does not write on every call.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() }, select: { id: true } });
  }
  return { type: 'api_key', id: row.id, label: `API key "${row.name}"`, scopes: row.scopes };
}
