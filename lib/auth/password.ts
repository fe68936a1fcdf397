import 'server-only';
import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with OWASP's recommended parameters (19 MiB memory, 2 iterations, 1 lane).
 * See docs/decisions/001-auth-and-sessions.md.
 */
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown email can't be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('backroom-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}
