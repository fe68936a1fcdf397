import { describe, expect, it } from 'vitest';
import { countScopeDescription } from '@/lib/inventory/cycle-counts/rules';

describe("a count sheet's scope, as lists show it", () => {
  it('names up to four codes, and a longer list by its first and last code and how many', () => {
    expect(countScopeDescription([], [])).toBe('Whole location');
    expect(countScopeDescription(['A-01-1', 'B-02-3'], [])).toBe('Bins A-01-1, B-02-3');
    // 24 bins E-01-1 … E-08-3, given in any order
    const aisle = Array.from({ length: 8 }, (_, i) => [1, 2, 3].map((l) => `E-0${i + 1}-${l}`))
      .flat()
      .reverse();
    expect(countScopeDescription(aisle, [])).toBe('Bins E-01-1 … E-08-3 (24 bins)');
    expect(countScopeDescription(['A-01-1'], ['TEE-1', 'TEE-2', 'TEE-3', 'TEE-4', 'CAP-9'])).toBe(
      'Bins A-01-1; SKUs CAP-9 … TEE-4 (5 SKUs)',
    );
  });
});
