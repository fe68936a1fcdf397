import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  prismaOrderBy,
  readSort,
  sortParams,
  sortRows,
  sortSpec,
  sqlOrderBy,
  toggleSort,
} from '@/lib/list/sort';
import { listQueryString, ORDER_SORT, readListQuery } from '@/lib/orders/list-query';

const spec = sortSpec(['name', 'price', 'updated'], { id: 'updated', desc: true });

describe('list sort (lib/list/sort.ts)', () => {
  it('reads a whitelisted column and its direction', () => {
    expect(readSort({ sort: 'price', dir: 'desc' }, spec)).toEqual({
      sort: { id: 'price', desc: true },
      ignored: [],
    });
    // A column without a direction sorts ascending.
    expect(readSort(new URLSearchParams('sort=name'), spec).sort).toEqual({ id: 'name', desc: false });
  });

  it('drops a column outside the whitelist and a bad direction, naming them', () => {
    expect(readSort({ sort: 'password_hash', dir: 'sideways' }, spec)).toEqual({
      sort: { id: 'updated', desc: true },
      ignored: ['sort', 'dir'],
    });
    // SQL in the column never reaches a query: it is not in the list.
    expect(readSort({ sort: 'name; drop table orders', dir: 'asc' }, spec)).toEqual({
      sort: { id: 'updated', desc: false },
      ignored: ['sort'],
    });
    expect(readSort({}, spec)).toEqual({ sort: { id: 'updated', desc: true }, ignored: [] });
  });

  it('writes nothing for the default sort, sort and dir otherwise', () => {
    expect(sortParams({ id: 'updated', desc: true }, spec)).toEqual({});
    expect(sortParams({ id: 'updated', desc: false }, spec)).toEqual({ sort: 'updated', dir: 'asc' });
    expect(sortParams({ id: 'price', desc: true }, spec)).toEqual({ sort: 'price', dir: 'desc' });
  });

  it('a header click turns the same column around and starts another in its first direction', () => {
    expect(toggleSort({ id: 'price', desc: false }, 'price')).toEqual({ id: 'price', desc: true });
    expect(toggleSort({ id: 'price', desc: true }, 'updated', true)).toEqual({ id: 'updated', desc: true });
    expect(toggleSort({ id: 'price', desc: true }, 'name')).toEqual({ id: 'name', desc: false });
  });

  it('refuses a default that is not sortable', () => {
    expect(() => sortSpec(['a'], { id: 'b' as 'a', desc: false })).toThrow(/not a sortable column/);
  });

  it('reading what sortParams wrote gives the same sort back, for every column and direction', () => {
    fc.assert(
      fc.property(fc.constantFrom(...spec.columns), fc.boolean(), (id, desc) => {
        const p = sortParams({ id, desc }, spec);
        const raw = new URLSearchParams(Object.entries(p));
        expect(readSort(raw, spec).sort).toEqual({ id, desc });
      }),
    );
  });

  it('any string as sort yields a whitelisted column', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (sort, dir) => {
        const { sort: read } = readSort({ sort, dir }, spec);
        expect(spec.columns).toContain(read.id);
      }),
    );
  });
});

describe('the order list binds its sort to sort/dir', () => {
  it('reads the headers’ sort=total&dir=asc into the query’s one value', () => {
    expect(readListQuery({ sort: 'total', dir: 'asc' })).toMatchObject({
      query: { sort: 'total_asc' },
      ignored: [],
    });
    expect(readListQuery({ sort: 'placed', dir: 'asc' }).query.sort).toBe('placed_asc');
    // A direction alone turns the default (newest first) around.
    expect(readListQuery({ dir: 'asc' }).query.sort).toBe('placed_asc');
  });

  it('still reads older links and saved views (sort=total_desc)', () => {
    expect(readListQuery({ sort: 'total_desc' }).query.sort).toBe('total_desc');
  });

  it('ignores a column it cannot sort by and says so', () => {
    expect(readListQuery({ sort: 'email', dir: 'desc' })).toMatchObject({
      query: { sort: 'placed_desc' },
      ignored: ['sort'],
    });
    expect(ORDER_SORT.columns).toEqual(['placed', 'total']);
  });

  it('writes sort and dir, leaving the default out', () => {
    expect(listQueryString({ status: 'open', sort: 'total_asc' })).toBe('status=open&sort=total&dir=asc');
    expect(listQueryString({ status: 'open', sort: 'placed_desc' })).toBe('status=open');
  });
});

describe('sorting bounded lists and building ORDER BYs', () => {
  const rows = [
    { code: '1200', balance: 500, name: 'Stock' },
    { code: '4000', balance: -900, name: 'sales' },
    { code: '1000', balance: null as number | null, name: 'Bank' },
    { code: '2100', balance: 500, name: 'Payables' },
  ];
  const keys = {
    code: (r: (typeof rows)[number]) => r.code,
    balance: (r: (typeof rows)[number]) => r.balance,
  };

  it('sorts by the key, keeps equal keys in the order read and puts nulls last either way', () => {
    // -900 < 500 = 500 (1200 read before 2100), the null last
    expect(sortRows(rows, { id: 'balance', desc: false }, keys).map((r) => r.code)).toEqual([
      '4000',
      '1200',
      '2100',
      '1000',
    ]);
    expect(sortRows(rows, { id: 'balance', desc: true }, keys).map((r) => r.code)).toEqual([
      '1200',
      '2100',
      '4000',
      '1000',
    ]);
  });

  it('compares text without case and numbers in text by value', () => {
    const names = sortRows(rows, { id: 'name', desc: false }, { name: (r) => r.name });
    expect(names.map((r) => r.name)).toEqual(['Bank', 'Payables', 'sales', 'Stock']);
    const skus = [{ s: 'SKU-10' }, { s: 'SKU-9' }];
    expect(sortRows(skus, { id: 's', desc: false }, { s: (r) => r.s }).map((r) => r.s)).toEqual([
      'SKU-9',
      'SKU-10',
    ]);
  });

  it('writes a Prisma orderBy with relation paths and the tie-breaks after', () => {
    expect(
      prismaOrderBy<'supplier' | 'due', Record<string, unknown>>(
        { id: 'supplier', desc: true },
        { supplier: 'supplier.name', due: ['dueDate', 'number'] },
        [{ id: 'desc' }],
      ),
    ).toEqual([{ supplier: { name: 'desc' } }, { id: 'desc' }]);
    expect(
      prismaOrderBy<'supplier' | 'due'>(
        { id: 'due', desc: false },
        { supplier: 'supplier.name', due: ['dueDate', 'number'] },
      ),
    ).toEqual([{ dueDate: 'asc' }, { number: 'asc' }]);
  });

  it('writes a raw ORDER BY term from the whitelist only', () => {
    expect(
      sqlOrderBy<'when' | 'order'>({ id: 'when', desc: true }, { when: 'e.occurred_at', order: 'o.number' }),
    ).toBe('e.occurred_at DESC NULLS LAST');
    expect(
      sqlOrderBy<'when' | 'order'>(
        { id: 'order', desc: false },
        { when: 'e.occurred_at', order: 'o.number' },
      ),
    ).toBe('o.number ASC NULLS LAST');
  });
});
