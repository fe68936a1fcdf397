import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { apiRequest, makeApiKey, makeLocations, routeContext } from '@/tests/factories';
import * as keysRoute from '@/app/api/v1/api-keys/route';
import * as keyRoute from '@/app/api/v1/api-keys/[id]/route';
import * as locationsRoute from '@/app/api/v1/locations/route';
import { createApiKey } from '@/lib/auth/create-api-key';
import { SYSTEM_TEST_ACTOR } from '@/tests/factories';

const list = (key: string) => keysRoute.GET(apiRequest('/api/v1/api-keys', { key }), routeContext());
const revoke = (key: string, id: string) =>
  keyRoute.DELETE(apiRequest(`/api/v1/api-keys/${id}`, { method: 'DELETE', key }), routeContext({ id }));

describe('API key lifecycle over the API', () => {
  it('lists keys without the secret or its hash, only with settings:write', async () => {
    await makeLocations();
    const admin = await makeApiKey(['settings:write'], { name: 'ops' });
    const created = await createApiKey({
      input: { name: 'Shopify sync', scopes: ['orders:read', 'orders:create'] },
      actor: SYSTEM_TEST_ACTOR,
    });

    expect((await list((await makeApiKey(['orders:read'])).key)).status).toBe(403);
    const res = await list(admin.key);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(admin.key);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(text).not.toContain(row.keyHash);
    const body = JSON.parse(text) as { data: Record<string, unknown>[] };
    expect(body.data.find((k) => k.id === created.id)).toEqual({
      id: created.id,
      name: 'Shopify sync',
      prefix: created.prefix,
      scopes: ['orders:read', 'orders:create'],
      created_by: null,
      last_used_at: null,
      revoked_at: null,
      created_at: row.createdAt.toISOString(),
    });
  });

  it('revokes a key: its very next request is 401, the revocation is audited, a second one is 409', async () => {
    const admin = await makeApiKey(['settings:write'], { name: 'ops' });
    const victim = await makeApiKey(['inventory:read'], { name: 'leaked' });
    const locations = () =>
      locationsRoute.GET(apiRequest('/api/v1/locations', { key: victim.key }), routeContext());
    expect((await locations()).status).toBe(200);

    const res = await revoke(admin.key, victim.id);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: victim.id, name: 'leaked' });
    expect(typeof body.revoked_at).toBe('string');

    const refused = await locations();
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('UNAUTHENTICATED');

    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: 'api_key.revoked', entityId: victim.id },
    });
    expect(audit).toMatchObject({ actorType: 'api_key', actorId: admin.id, actorLabel: 'API key "ops"' });

    const again = await revoke(admin.key, victim.id);
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('INVALID_STATE');
  });

  it('answers 404 for an unknown or malformed id, 403 without the scope', async () => {
    const admin = await makeApiKey(['settings:write']);
    expect((await revoke(admin.key, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // a path id that is not a UUID names no record: 404 before any query (decision 019)
    expect((await revoke(admin.key, 'not-a-uuid')).status).toBe(404);
    const other = await makeApiKey(['*']);
    const narrow = await makeApiKey(['orders:read']);
    expect((await revoke(narrow.key, other.id)).status).toBe(403);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: other.id } })).revokedAt).toBeNull();
  });
});
