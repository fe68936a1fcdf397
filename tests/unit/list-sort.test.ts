import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readSort, sortParams, sortSpec, toggleSort } from '@/lib/list/sort';
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
