import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { listedUnits } from '@/lib/channels/rules';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';
import * as channelRoute from '@/app/api/v1/channels/[channel]/route';
import * as availabilityRoute from '@/app/api/v1/channels/[channel]/availability/route';

let key: string;
beforeAll(async () => {
  await makeLocations();
  await makeProduct(['ATS-1', 'ATS-2'], { price: 1_000 });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'ATS-1', quantity: 10, unit_cost: 100 },
        { sku: 'ATS-2', quantity: 1, unit_cost: 100 },
      ],
    },
    actor,
  });
  await receiveStock({
    input: { location: 'STORE', lines: [{ sku: 'ATS-1', quantity: 5, unit_cost: 100 }] },
    actor,
  });
  key = (await makeApiKey(['inventory:read', 'channels:write'])).key;
});

const put = (channel: string, body: unknown) =>
  channelRoute.PUT(
    apiRequest(`/api/v1/channels/${channel}`, { method: 'PUT', key, body }),
    routeContext({ channel }),
  );
const availability = async (channel: string, qs = '') =>
  (
    await availabilityRoute.GET(
      apiRequest(`/api/v1/channels/${channel}/availability${qs}`, { key }),
      routeContext({ channel }),
    )
  ).json();

describe('available to sell per channel', () => {
  it('lists everything available at every location by default', async () => {
    const page = await availability('amazon');
    // ATS-1: 10 at MAIN + 5 at STORE = 15; ATS-2: 1
    expect(page).toEqual({
      data: [
        { sku: 'ATS-1', available: 15, listed: 15 },
        { sku: 'ATS-2', available: 1, listed: 1 },
      ],
      next_cursor: null,
    });
  });

  it('applies buffer, percent, maximum and feeding locations', async () => {
    const res = await put('ebay', { buffer_units: 2, list_percent: 50, max_listed: 3, locations: ['main'] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      channel: 'ebay',
      buffer_units: 2,
      list_percent: 50,
      max_listed: 3,
      locations: ['MAIN'],
    });
    const page = await availability('ebay');
    // ATS-1 at MAIN only: 10; ⌊(10 − 2) × 50 ÷ 100⌋ = 4, capped at 3. ATS-2: ⌊(1 − 2) × 0.5⌋ < 0 → 0
    expect(page.data).toEqual([
      { sku: 'ATS-1', available: 10, listed: 3 },
      { sku: 'ATS-2', available: 1, listed: 0 },
    ]);
    expect((await availability('ebay', '?sku=ATS-2')).data).toEqual([
      { sku: 'ATS-2', available: 1, listed: 0 },
    ]);
    expect(await db.auditLog.count({ where: { action: 'channel_settings.updated', entityId: 'ebay' } })).toBe(
      1,
    );
  });

  it('refuses an unknown channel, location or percent naming the field', async () => {
    expect((await put('myspace', {})).status).toBe(404);
    const loc = await put('etsy', { locations: ['NOWHERE'] });
    expect(loc.status).toBe(422);
    expect((await loc.json()).error.details[0].field).toBe('locations');
    const pct = await put('etsy', { list_percent: 101 });
    expect((await pct.json()).error.details[0].field).toBe('list_percent');
  });

  it('listed is never below 0, never above the maximum or the available after the buffer (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 100_000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
        (available, bufferUnits, listPercent, maxListed) => {
          const listed = listedUnits(available, { bufferUnits, listPercent, maxListed });
          expect(Number.isInteger(listed)).toBe(true);
          expect(listed).toBeGreaterThanOrEqual(0);
          if (maxListed !== null) expect(listed).toBeLessThanOrEqual(maxListed);
          expect(listed).toBeLessThanOrEqual(Math.max(0, available - bufferUnits));
        },
      ),
    );
  });
});
