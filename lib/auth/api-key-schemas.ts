import { z } from 'zod';
import { PERMISSIONS } from '@/lib/auth/permissions';

export const API_KEY_SCOPES = ['*', ...PERMISSIONS] as const;

export const ZCreateApiKeyInput = z.object({
  name: z.string().trim().min(1, 'Name the key after what uses it, e.g. "Shopify sync"').max(80),
  scopes: z
    .array(z.enum(API_KEY_SCOPES, { error: `Unknown scope; use '*' or: ${PERMISSIONS.join(', ')}` }))
    .min(1, 'Choose at least one scope')
    .transform((s) => (s.includes('*') ? ['*' as const] : [...new Set(s)])),
});
export type TCreateApiKeyInput = z.input<typeof ZCreateApiKeyInput>;

export const ZRevokeApiKeyInput = z.object({ apiKeyId: z.string().uuid('Unknown API key') });

export type ApiKeyDto = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
};

/** An API key as GET /api/v1/api-keys lists it. */
export const ZApiKeyApi = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, to recognise it; never the key'),
  scopes: z.array(z.string()),
  created_by: z.string().nullable().describe('Email of the user who created it; null for the CLI'),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  created_at: z.string(),
});
export type ApiKeyApiDto = z.infer<typeof ZApiKeyApi>;
