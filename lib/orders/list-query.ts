import { ZOrderListQuery, type TOrderListQuery } from '@/lib/orders/schemas';
import { readSort, sortParams, sortSpec, type ListSort } from '@/lib/list/sort';

/**
 * The columns the order list sorts by (its keyset cursor covers each), newest first by default. The
 * URL says `sort=total&dir=asc`; the query (and the public API) keep one value, `total_asc`.
 */
export const ORDER_SORT = sortSpec(['placed', 'total'], { id: 'placed', desc: true });
export type OrderSortColumn = (typeof ORDER_SORT.columns)[number];
type OrderSortValue = TOrderListQuery['sort'];

export function orderSortValue(sort: ListSort<OrderSortColumn>): OrderSortValue {
  return `${sort.id}_${sort.desc ? 'desc' : 'asc'}`;
}
export function orderSortOf(value: OrderSortValue): ListSort<OrderSortColumn> {
  const [id, dir] = value.split('_') as [OrderSortColumn, string];
  return { id, desc: dir === 'desc' };
}

/**
 * The order list's filters as they travel in a URL (`/orders?status=open&q=ann`), shared by the list
 * page, its CSV export and saved views, so the three always read a query the same way. Pure.
 */
export const LIST_FILTER_KEYS = [
  'status',
  'payment_status',
  'channel',
  'risk',
  'from',
  'to',
  'q',
  'ship',
  'shipped_from',
  'shipped_to',
  'sort',
  'hold',
] as const;

/** What each `hold` filter shows (decision 031). */
export const HOLD_FILTERS = { payment_due: 'On hold until paid (payment due)' } as const;

/** What each `ship` filter shows (the dashboard's drill-downs link to them). */
export const SHIP_FILTERS = {
  complete: 'Shipped complete',
  incomplete: 'Not yet shipped complete',
  late: 'Late shipments: shipped complete after the promised ship-by',
  on_time: 'Shipped complete by the promised ship-by',
  past_due: 'Past their ship-by date and not shipped complete',
} as const;
export type ListFilterKey = (typeof LIST_FILTER_KEYS)[number];

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function entries(raw: RawParams): [string, string][] {
  if (raw instanceof URLSearchParams) return [...raw.entries()];
  return Object.entries(raw).flatMap(([k, v]) =>
    v === undefined ? [] : [[k, Array.isArray(v) ? (v[0] ?? '') : v] as [string, string]],
  );
}

/**
 * Reads the list's filters leniently, as a page must: blank values are no filter, and a value that is
 * not valid (a mistyped date, an unknown status) is dropped and named in `ignored` instead of failing
 * the page. The cursor is kept separately; the limit is the caller's business.
 */
export function readListQuery(raw: RawParams): {
  query: Omit<TOrderListQuery, 'limit' | 'cursor'>;
  cursor?: string;
  ignored: ListFilterKey[];
} {
  const values = new Map(entries(raw).map(([k, v]) => [k, v.trim()]));
  const query: Record<string, unknown> = {};
  const ignored: ListFilterKey[] = [];
  for (const key of LIST_FILTER_KEYS) {
    const value = values.get(key);
    if (key === 'sort') {
      // `sort=total&dir=asc` (the headers), or one value `total_asc` (older links, saved views, the API).
      const legacy = value ? ZOrderListQuery.shape.sort.safeParse(value) : undefined;
      if (legacy?.success) query.sort = legacy.data;
      else if (value || values.get('dir')) {
        const read = readSort(new URLSearchParams([...values.entries()]), ORDER_SORT);
        query.sort = orderSortValue(read.sort);
        if (read.ignored.length) ignored.push('sort');
      }
      continue;
    }
    if (!value) continue;
    const parsed = ZOrderListQuery.shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined) query[key] = parsed.data;
    else ignored.push(key);
  }
  if (typeof query.from === 'string' && typeof query.to === 'string' && query.from > query.to) {
    // A reversed range would always be empty; read it the way it was meant.
    [query.from, query.to] = [query.to, query.from];
  }
  const cursorParsed = ZOrderListQuery.shape.cursor.safeParse(values.get('cursor') || undefined);
  return {
    query: { sort: 'placed_desc', ...query },
    cursor: cursorParsed.success ? cursorParsed.data : undefined,
    ignored,
  };
}

/**
 * The canonical query string of a set of filters: only known, non-blank keys, in a fixed order, and
 * the default sort left out — so two views of the same filters are the same string. No leading '?'.
 */
export function listQueryString(
  filters: Partial<Record<ListFilterKey | 'cursor', string | undefined>>,
): string {
  const p = new URLSearchParams();
  for (const key of [...LIST_FILTER_KEYS, 'cursor'] as const) {
    const value = filters[key]?.trim();
    if (!value) continue;
    if (key === 'sort') {
      const parsed = ZOrderListQuery.shape.sort.safeParse(value);
      if (!parsed.success) continue;
      const { sort, dir } = sortParams(orderSortOf(parsed.data), ORDER_SORT);
      if (sort && dir) {
        p.set('sort', sort);
        p.set('dir', dir);
      }
      continue;
    }
    p.set(key, value);
  }
  return p.toString();
}

/** A saved view's query: the raw string cleaned down to the filters it means (never a cursor). */
export function normalizeViewQuery(raw: string): string {
  const { query } = readListQuery(new URLSearchParams(raw.replace(/^\?/, '')));
  return listQueryString(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])));
}
