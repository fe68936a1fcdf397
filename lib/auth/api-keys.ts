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

export type ApiKeyActor = Actor & { type: 'api_key' };

/**
 * A key the wrapper took from its cache of verified keys, not from the database: the use case must
 * confirm it (confirmApiKey) with what its own first statement read of the key, before it answers or
 * writes anything.
 */
export type ApiKeyCheck = { id: string; hash: string };

/** What a use case's statement read of the key (`api_keys` by id): null when the key is gone. */
export type ApiKeyFound = { live: boolean; lastUsedAt: string | null } | null;

/**
 * Keys the database verified in the last minute, by hash (decision 056): id, name and scopes, which never
 * change after a key is created. Only a route whose use case checks the key's revocation in its own
 * first statement (apiRoute's `keyCheckedInUseCase`: the order intake's read) takes a key from here, so
 * a revoked key is still refused on its very next request, by any process; every other route looks its
 * key up every time. Bounded: emptied when full.
 */
const VERIFIED_MS = 60_000;
const VERIFIED_MAX = 1_000;
const verified = new Map<string, { at: number; id: string; name: string; scopes: string[] }>();

const INVALID = 'The API key is invalid or has been revoked.';

/**
 * Authenticates `Authorization: Bearer <key>` and checks the key's scopes.
 * Missing, unknown or revoked key → UNAUTHENTICATED (401); a key without the scope → FORBIDDEN (403).
 * With `cached`, a key verified in the last minute is answered from the cache with its check (the
 * caller confirms it unrevoked; see ApiKeyCheck), else `check` is null: the database verified it now.
 */
export async function authenticateApiKey(
  authorization: string | null,
  permission: Permission | null,
  options: { cached?: boolean } = {},
): Promise<{ actor: ApiKeyActor; check: ApiKeyCheck | null }> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match)
    throw new AppError(
      'UNAUTHENTICATED',
      'Send an API key as "Authorization: Bearer <key>". Create one in Settings → API keys.',
    );
  const hash = hashApiKey(match[1]);
  const hit = options.cached ? verified.get(hash) : undefined;
  if (hit && Date.now() - hit.at < VERIFIED_MS) {
    return { actor: keyActor(hit, permission), check: { id: hit.id, hash } };
  }
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
    [hash],
    'api_key_by_hash',
  );
  if (!row || row.revokedAt) {
    verified.delete(hash);
    throw new AppError('UNAUTHENTICATED', INVALID);
  }
  if (verified.size >= VERIFIED_MAX) verified.clear();
  verified.set(hash, { at: Date.now(), id: row.id, name: row.name, scopes: row.scopes });
  const actor = keyActor(row, permission);
  await recordUse(row.id, row.lastUsedAt);
  return { actor, check: null };
}

/**
 * For a key taken from the cache (ApiKeyCheck): what the use case's own statement read of it. A revoked or
 * deleted key is 401 and leaves the cache, before anything is answered or written; a live one records its
 * use as authenticateApiKey does.
 */
export async function confirmApiKey(check: ApiKeyCheck, found: ApiKeyFound): Promise<void> {
  if (!found?.live) {
    verified.delete(check.hash);
    throw new AppError('UNAUTHENTICATED', INVALID);
  }
  await recordUse(check.id, found.lastUsedAt === null ? null : new Date(found.lastUsedAt));
}

function keyActor(
  key: { id: string; name: string; scopes: string[] },
  permission: Permission | null,
): ApiKeyActor {
  if (permission && !scopesHave(key.scopes, permission)) {
    throw new AppError('FORBIDDEN', `The API key lacks the "${permission}" scope.`, {
      required_scope: permission,
    });
  }
  return { type: 'api_key', id: key.id, label: `API key "${key.name}"`, scopes: key.scopes };
}

/** Record use at most once a minute per key, so a busy integration does not write on every call. */
async function recordUse(id: string, lastUsedAt: Date | null): Promise<void> {
  if (!lastUsedAt || Date.now() - lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id }, data: { lastUsedAt: new Date() }, select: { id: true } });
  }
}
