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
