import { describe, expect, it } from 'vitest';
import {
  REPLENISHMENT_SORT,
  sortReplenishmentRows,
  type ReplenishmentRowDto,
  type ReplenishmentSort,
} from '@/lib/replenishment/queries';
import { readSort } from '@/lib/list/sort';

/**
 * Four rows in the query's order (supplier, location, SKU), with only the sorted fields that matter:
 *
 *   SKU     class  supplier   suggested  forecast/day  position
 *   R-1     B      Harbor     12         1.5           4
 *   R-2     A      Harbor     0          0.2           30
 *   R-3     C      Northwind  12         3             -2
 *   R-4     A      (none)     5          1.5           10
 */
const ROWS = (
  [
    ['R-1', 'B', 'Harbor', 12, 1.5, 4],
    ['R-2', 'A', 'Harbor', 0, 0.2, 30],
    ['R-3', 'C', 'Northwind', 12, 3, -2],
    ['R-4', 'A', null, 5, 1.5, 10],
  ] as const
).map(
  ([sku, abc, supplier, suggested, forecast, position]) =>
    ({
      sku,
      abc_class: abc,
      supplier,
      suggested_quantity: suggested,
      forecast_daily: forecast,
      position,
    }) as ReplenishmentRowDto,
);

const EXPECTED: [ReplenishmentSort, string[]][] = [
  // 12 twice (R-1 before R-3: the query's order), 5, 0
  [{ id: 'suggested', desc: true }, ['R-1', 'R-3', 'R-4', 'R-2']],
  [{ id: 'suggested', desc: false }, ['R-2', 'R-4', 'R-1', 'R-3']],
  // A twice (R-2 before R-4), B, C
  [{ id: 'class', desc: false }, ['R-2', 'R-4', 'R-1', 'R-3']],
  [{ id: 'class', desc: true }, ['R-3', 'R-1', 'R-2', 'R-4']],
  // Harbor twice, Northwind; no supplier last either way
  [{ id: 'supplier', desc: false }, ['R-1', 'R-2', 'R-3', 'R-4']],
  [{ id: 'supplier', desc: true }, ['R-3', 'R-1', 'R-2', 'R-4']],
  // 3, 1.5 twice (R-1 before R-4), 0.2
  [{ id: 'forecast', desc: true }, ['R-3', 'R-1', 'R-4', 'R-2']],
  // -2, 4, 10, 30
  [{ id: 'position', desc: false }, ['R-3', 'R-1', 'R-4', 'R-2']],
  [{ id: 'sku', desc: true }, ['R-4', 'R-3', 'R-2', 'R-1']],
];

describe("the replenishment list's header sort", () => {
  it.each(EXPECTED)('sorts by %o', (sort, expected) => {
    expect(sortReplenishmentRows(ROWS, sort).map((r) => r.sku)).toEqual(expected);
  });

  it('reads the largest suggestion first by default, and for a sort it does not know', () => {
    expect(readSort({}, REPLENISHMENT_SORT).sort).toEqual({ id: 'suggested', desc: true });
    expect(readSort({ sort: 'margin' }, REPLENISHMENT_SORT)).toEqual({
      sort: { id: 'suggested', desc: true },
      ignored: ['sort'],
    });
    expect(readSort({ sort: 'class' }, REPLENISHMENT_SORT).sort).toEqual({ id: 'class', desc: false });
  });
});
