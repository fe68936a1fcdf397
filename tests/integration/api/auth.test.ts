import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { apiRequest, makeApiKey, makeLocations, routeContext } from '@/tests/factories';
import * as locationsRoute from '@/app/api/v1/locations/route';
import * as settingsRoute from '@/app/api/v1/settings/route';
import * as unknownRoute from '@/app/api/v1/[...path]/route';
import * as healthRoute from '@/app/api/health/route';
import { hashApiKey } from '@/lib/auth/api-keys';

beforeAll(async () => {
  await makeLocations();
});

const getLocations = (key?: string | null) =>
  locationsRoute.GET(apiRequest('/api/v1/locations', { key }), routeContext());
const patchSettings = (
  key: string,
  body: unknown,
  extra: { rawBody?: string; headers?: Record<string, string> } = {},
) =>
  settingsRoute.PATCH(
    apiRequest('/api/v1/settings', { method: 'PATCH', key, body, ...extra }),
    routeContext(),
  );

describe('API key authentication', () => {
  it('answers 401 in the JSON error shape without a key, with a malformed header or an unknown key', async () => {
    for (const key of [null, 'brk_not-a-real-key']) {
      const res = await getLocations(key);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('UNAUTHENTICATED');
    }
    const basic = await locationsRoute.GET(
      apiRequest('/api/v1/locations', { headers: { authorization: 'Basic abc' } }),
      routeContext(),
    );
    expect(basic.status).toBe(401);
  });

  it('lets a key with the scope in and records when it was used', async () => {
    const key = await makeApiKey(['inventory:read']);
    const res = await getLocations(key.key);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data.map((l: { code: string }) => l.code)).toEqual(['MAIN', 'STORE']);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).not.toBeNull();
  });

  it('answers 403 naming the missing scope, and * opens everything', async () => {
    const narrow = await makeApiKey(['orders:read']);
    const res = await getLocations(narrow.key);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: 'The API key lacks the "inventory:read" scope.',
        details: { required_scope: 'inventory:read' },
      },
    });
    const star = await makeApiKey(['*']);
    expect((await getLocations(star.key)).status).toBe(200);
  });

  it('refuses a revoked key with 401', async () => {
    const key = await makeApiKey(['*'], { revoked: true });
    expect((await getLocations(key.key)).status).toBe(401);
  });

  it('stores only a hash of the key', async () => {
    const key = await makeApiKey(['*']);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.keyHash).toBe(hashApiKey(key.key));
    expect(JSON.stringify(row)).not.toContain(key.key);
    expect(key.key.startsWith(row.prefix)).toBe(true);
  });
});

describe('API request handling', () => {
  it('reads settings with any valid key and changes them only with settings:write, audited', async () => {
    const reader = await makeApiKey(['orders:read']);
    const read = await settingsRoute.GET(apiRequest('/api/v1/settings', { key: reader.key }), routeContext());
    expect(await read.json()).toEqual({
      shop_name: 'Test shop',
      currency: 'USD',
      timezone: 'UTC',
      inventory_costing: 'fifo',
      support_refund_limit: 10000,
      count_approval_limit: 10000,
      fraud_review_threshold: 50,
      fulfilling_location: 'MAIN',
      // No period is locked until a manager sets a lock date (decision 036).
      lock_date: null,
      lock_date_all: null,
      // The test shop ships on invoice (tests/factories makeLocations, decision 031).
      ship_unpaid_orders: true,
      // The fiscal year is the calendar year until a setting says otherwise (decision 043).
      fiscal_year_start_month: 1,
      customs_cn22_limit: 40000,
      duties_terms: 'DDU',
    });
    expect((await patchSettings(reader.key, { inventory_costing: 'average' })).status).toBe(403);

    const admin = await makeApiKey(['settings:write'], { name: 'ops script' });
    const res = await patchSettings(admin.key, {
      inventory_costing: 'average',
      currency: 'eur',
      fulfilling_location: 'STORE',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      inventory_costing: 'average',
      currency: 'EUR',
      fulfilling_location: 'STORE',
    });
    const auditRow = await db.auditLog.findFirstOrThrow({
      where: { action: 'settings.updated' },
      orderBy: { id: 'desc' },
    });
    expect(auditRow).toMatchObject({
      actorType: 'api_key',
      actorId: admin.id,
      actorLabel: 'API key "ops script"',
    });
    expect(auditRow.before).toMatchObject({ inventory_costing: 'fifo', currency: 'USD' });
    expect(auditRow.after).toMatchObject({ inventory_costing: 'average', currency: 'EUR' });
  });

  it('answers bad input with 4xx naming the problem, and writes nothing', async () => {
    const key = await makeApiKey(['settings:write']);
    const before = await db.shopSettings.findUniqueOrThrow({ where: { id: 1 } });

    const malformed = await patchSettings(key.key, undefined, { rawBody: '{"currency": ' });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toEqual({
      code: 'BAD_REQUEST',
      message: 'The request body is not valid JSON.',
    });

    const invalid = await patchSettings(key.key, {
      currency: 'XX1',
      fraud_review_threshold: 300,
      colour: 'red',
    });
    expect(invalid.status).toBe(422);
    const body = await invalid.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      '(body)',
      'currency',
      'fraud_review_threshold',
    ]);

    const unknownLocation = await patchSettings(key.key, {
      fulfilling_location: 'NOPE',
      shop_name: 'Changed',
    });
    expect(unknownLocation.status).toBe(422);
    expect((await unknownLocation.json()).error.details).toEqual([
      { field: 'fulfilling_location', message: 'No active location with code "NOPE"' },
    ]);

    const big = await patchSettings(key.key, undefined, {
      rawBody: JSON.stringify({ shop_name: 'x'.repeat(1_100_000) }),
    });
    expect(big.status).toBe(413);

    const notJson = await patchSettings(key.key, undefined, {
      rawBody: 'shop_name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(notJson.status).toBe(415);

    const after = await db.shopSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(after).toEqual(before); // the 422 with a valid shop_name beside a bad location changed nothing
  });

  it('answers an unknown /api/v1 route with a JSON 404', async () => {
    const res = unknownRoute.GET(apiRequest('/api/v1/nope'));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('NOT_FOUND');
  });

  it('reports health with the database', async () => {
    const res = await healthRoute.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
  });
});
