/**
 * A list's sort as it travels in the URL: `?sort=<column>&dir=asc|desc`. Each list names the columns
 * its query can sort by (a whitelist, so a URL never reaches SQL with a column of its own) and its
 * default; the data table's sortable headers write these two parameters. Pure, shared by pages,
 * exports and tests (decision 030).
 */
export type SortDir = 'asc' | 'desc';
export type ListSort<C extends string = string> = { id: C; desc: boolean };

export type SortSpec<C extends string> = {
  /** the columns the list's query can order by */
  columns: readonly C[];
  default: ListSort<C>;
};

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function param(raw: RawParams, key: string): string | undefined {
  if (raw instanceof URLSearchParams) return raw.get(key)?.trim() || undefined;
  const v = raw[key];
  return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
}

export function sortSpec<const C extends string>(columns: readonly C[], def: ListSort<C>): SortSpec<C> {
  if (!columns.includes(def.id)) throw new Error(`default sort ${def.id} is not a sortable column`);
  return { columns, default: def };
}

export function isSortColumn<C extends string>(spec: SortSpec<C>, value: string): value is C {
  return (spec.columns as readonly string[]).includes(value);
}

/**
 * Reads `sort` and `dir` leniently, as a page must: a column not in the whitelist or a direction that
 * is neither asc nor desc is dropped (named in `ignored`) and the default used instead. A sort given
 * without a direction sorts that column ascending.
 */
export function readSort<C extends string>(
  raw: RawParams,
  spec: SortSpec<C>,
): { sort: ListSort<C>; ignored: ('sort' | 'dir')[] } {
  const column = param(raw, 'sort');
  const dir = param(raw, 'dir');
  const ignored: ('sort' | 'dir')[] = [];
  const validColumn = column !== undefined && isSortColumn(spec, column);
  if (column !== undefined && !validColumn) ignored.push('sort');
  const validDir = dir === 'asc' || dir === 'desc';
  if (dir !== undefined && !validDir) ignored.push('dir');
  if (!validColumn) {
    // A direction alone turns the default column around.
    return { sort: { id: spec.default.id, desc: validDir ? dir === 'desc' : spec.default.desc }, ignored };
  }
  return { sort: { id: column, desc: validDir ? dir === 'desc' : false }, ignored };
}

/**
 * The `sort`/`dir` parameters of a sort, empty for the list's default so that two URLs of the same
 * view are the same string.
 */
export function sortParams<C extends string>(
  sort: ListSort<C>,
  spec: SortSpec<C>,
): { sort?: C; dir?: SortDir } {
  if (sort.id === spec.default.id && sort.desc === spec.default.desc) return {};
  return { sort: sort.id, dir: sort.desc ? 'desc' : 'asc' };
}

/** The sort a header click asks for: the same column turns around, another starts with its first direction. */
export function toggleSort<C extends string>(
  current: ListSort<C>,
  column: C,
  descFirst = false,
): ListSort<C> {
  if (current.id === column) return { id: column, desc: !current.desc };
  return { id: column, desc: descFirst };
}

type SortKey = string | number | boolean | Date | null | undefined;

/**
 * Sorts a bounded list (every row already read: a chart of accounts, a shop's webhooks) by the URL's
 * sort, with the row's position as the tie-break so equal keys keep the query's order. Nulls go last
 * whichever the direction, as PostgreSQL's `NULLS LAST` would. Paged lists sort in SQL instead
 * (`prismaOrderBy`), since a page must be cut after sorting.
 */
export function sortRows<T, C extends string>(
  rows: readonly T[],
  sort: ListSort<C>,
  keys: Record<C, (row: T) => SortKey>,
): T[] {
  const key = keys[sort.id];
  const value = (v: SortKey) => (v instanceof Date ? v.getTime() : typeof v === 'boolean' ? Number(v) : v);
  return rows
    .map((row, i) => ({ row, i, k: value(key(row)) }))
    .sort((a, b) => {
      if (a.k == null || b.k == null) return a.k == null ? (b.k == null ? a.i - b.i : 1) : -1;
      const c =
        typeof a.k === 'string' && typeof b.k === 'string'
          ? a.k.localeCompare(b.k, 'en', { numeric: true, sensitivity: 'base' })
          : Number(a.k) - Number(b.k);
      return c === 0 ? a.i - b.i : sort.desc ? -c : c;
    })
    .map((x) => x.row);
}

/**
 * The Prisma `orderBy` of a paged list's sort: the column's fields in the URL's direction, then the
 * tie-breaks (e.g. `{ id: 'desc' }`) so that a page boundary never splits equal keys differently on
 * two reads.
 */
export function prismaOrderBy<C extends string, O extends object = Record<string, unknown>>(
  sort: ListSort<C>,
  fields: Record<C, string | readonly string[]>,
  tieBreak: O[] = [],
): O[] {
  const dir: SortDir = sort.desc ? 'desc' : 'asc';
  const own = fields[sort.id];
  const list: readonly string[] = typeof own === 'string' ? [own] : own;
  return [
    ...list.map((path) => {
      // "supplier.name" orders by a relation's field: { supplier: { name: 'asc' } }
      const parts = path.split('.');
      return parts.reduceRight<unknown>((inner, part) => ({ [part]: inner }), dir) as O;
    }),
    ...tieBreak,
  ];
}

/**
 * The ORDER BY term of a raw-SQL list's sort: the column's expression, written in the query module
 * (never taken from the URL), in the URL's direction, nulls last. Pass it through `Prisma.raw`.
 */
export function sqlOrderBy<C extends string>(sort: ListSort<C>, expressions: Record<C, string>): string {
  return `${expressions[sort.id]} ${sort.desc ? 'DESC' : 'ASC'} NULLS LAST`;
}
