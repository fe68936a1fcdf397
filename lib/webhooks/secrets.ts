import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { env } from '@/lib/env';

/**
 * Signing secrets must be readable to sign (unlike API keys, which are only hashed), so they are
 * stored encrypted: AES-256-GCM under a key derived from AUTH_SECRET with HKDF-SHA256. A database
 * dump alone does not reveal them; rotating AUTH_SECRET makes stored secrets unreadable (rotate the
 * webhook secrets after it). Decision 022.
 */
function key(): Buffer {
  return Buffer.from(hkdfSync('sha256', env().AUTH_SECRET, 'backroom', 'webhook-secrets v1', 32));
}

/** A new Standard Webhooks secret: whsec_ + base64 of 24 random bytes. */
export function generateSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(
    ':',
  );
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, body] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('unreadable webhook secret');
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}
