import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { updateLocation } from '@/lib/locations/update-location';
import { locationsWithAddress } from '@/lib/locations/queries';
import { toAppError } from '@/lib/errors';
import { makeLocations, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

describe('location addresses', () => {
  it('sets a location’s name and ship-from address, validated per country and audited', async () => {
    await makeLocations();
    const address = {
      name: 'Shop HQ',
      line1: '1 Dock Rd',
      city: 'Newark',
      region: 'NJ',
      postal_code: '07105',
      country: 'us',
    };
    const saved = await updateLocation({ input: { code: 'MAIN', name: 'Newark warehouse', address }, actor });
    expect(saved.address).toMatchObject({ country: 'US', postal_code: '07105' });
    expect((await locationsWithAddress()).find((l) => l.code === 'MAIN')).toMatchObject({
      name: 'Newark warehouse',
      address: { city: 'Newark' },
    });
    const err = await updateLocation({
      input: { code: 'MAIN', name: 'x', address: { ...address, region: '', postal_code: 'ABCDE' } },
      actor,
    }).catch((e) => toAppError(e));
    expect((err as { details: { field: string }[] }).details.map((d) => d.field)).toEqual([
      'address.region',
      'address.postal_code',
    ]);
    expect(await db.auditLog.count({ where: { action: 'location.updated' } })).toBe(1);
  });
});
