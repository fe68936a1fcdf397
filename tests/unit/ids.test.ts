import { describe, expect, it } from 'vitest';
import { sequentialUuids } from '@/lib/ids';

describe('sequential UUIDs', () => {
  it('are valid version-7 UUIDs that sort in the order they were made', () => {
    const ids = sequentialUuids(20, 1_763_800_000_000);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(20);
    // A later batch sorts after an earlier one.
    expect(sequentialUuids(1, 1_763_800_000_001)[0] > ids[19]).toBe(true);
  });
});

describe('sequential UUIDs from the pooled random bytes', () => {
  it('never hand out the same random bits twice, across refills of the pool', () => {
    // 2,000 single ids in one millisecond: same time and counter, so only the 62 random bits tell them apart;
    // the 4 KB pool holds 512 ids' bytes, so this crosses three refills.
    const ids = Array.from({ length: 2_000 }, () => sequentialUuids(1, 1_763_800_000_000)[0]);
    expect(new Set(ids).size).toBe(2_000);
    for (const id of ids) expect(id).toMatch(/^019aaaac-2600-7000-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
