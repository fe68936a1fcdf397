import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the app keeps what it generates for itself on a machine: the embedded database, secrets. */
export const DATA_DIR = path.resolve(process.env.BACKROOM_DATA_DIR ?? '.data');

/**
 * AUTH_SECRET signs session tokens. When the environment has none, one is generated on first start
 * and kept under .data/ so sessions survive restarts. Production deployments set their own.
 */
export function ensureAuthSecret(): string {
  const existing = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (existing) return existing;
  mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, 'auth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
