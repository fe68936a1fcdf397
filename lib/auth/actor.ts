import type { Role } from '@/lib/auth/permissions';

/** Who is doing something: a signed-in user, an API key, or the system (seed, jobs). */
export type Actor =
  | { type: 'user'; id: string; label: string; role: Role }
  | { type: 'api_key'; id: string; label: string; scopes: string[] }
  | { type: 'system'; id: null; label: string };

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, label: 'system' };
