import 'server-only';
import { GUEST_EMAIL_LIKE } from '@/lib/channels/rules';
import { allOn, db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { isUuid, zUuid } from '@/lib/boundary';
import { decodeCursor, encodeCursor } from '@/lib/cursor';
import { z } from 'zod';
import { sortSpec, sqlOrderBy, type ListSort } from '@/lib/list/sort';
import { keysetSql } from '@/lib/list/keyset-sql';
import { AppError } from '@/lib/errors';

export type CustomerAddressDto = {
  id: string;
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
  phone: string | null;
  is_default: boolean;
};

export type CustomerMatch = {
  id: string;
  name: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  address: CustomerAddressDto | null;
};

export type CustomerRow = {
  id: string;
  name: string;
  email: string;
  tags: string[];
  /** a channel's guest customer (imported orders without an email): not a person, listed last */
  guest: boolean;
  /** every order, cancelled ones included */
  order_count: number;
  /** Σ total of the customer's orders that are not cancelled, minor units of the shop currency */
  lifetime_value: number;
  last_order_at: string | null;
};

/** A customer's page and API answer: who they are (as a match, without the one address), then the rest. */
export type CustomerDetail = Omit<CustomerMatch, 'address'> & {
  tags: string[];
  created_at: string;
  addresses: CustomerAddressDto[];
  stats: {
    order_count: number;
    cancelled_count: number;
    lifetime_value: number;
    first_order_at: string | null;
    last_order_at: string | null;
  };
  orders: {
    id: string;
    number: number;
    placed_at: string;
    status: string;
    payment_status: string;
    channel: string;
    total: number;
    currency: string;
    items: number;
  }[];
  /** true when the customer has more orders than `orders` lists */
  more_orders: boolean;
};

function like(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * What a person types into a customer search: text with an `@` is an email (prefix), anything else
 * a name (first name, last name or "first last", prefix) or the start of an email.
 */
function searchCondition(text: string): Prisma.Sql {
  const q = text.trim().toLowerCase();
  const prefix = `${like(q)}%`;
  if (q.includes('@')) return Prisma.sql`c.email LIKE ${prefix}`;
  return Prisma.sql`(c.first_name ILIKE ${prefix} OR c.last_name ILIKE ${prefix} OR (c.first_name ||
    ' ' || c.last_name) ILIKE ${prefix} OR c.email LIKE ${prefix})`;
}

function addressDto(a: Omit<Prisma.CustomerAddressModel, 'customerId'>): CustomerAddressDto {
  return {
    id: a.id,
    name: a.name,
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    region: a.region,
    postal_code: a.postalCode,
    country: a.country,
    phone: a.phone,
    is_default: a.isDefault,
  };
}

/** Who a customer is, as the order form's customer search and the customer page both show it. */
function contactDto(c: {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
}) {
  return {
    id: c.id,
    name: `${c.firstName} ${c.lastName}`.trim(),
    first_name: c.firstName,
    last_name: c.lastName,
    email: c.email,
    phone: c.phone,
  };
}

/**
 * Up to `limit` (10) customers matching a search, each with their default address (or their first),
 * for filling a manual order in. Exact email matches come first, then by name.
 */
export async function customerSearch(
  text: string,
  options: { limit?: number } = {},
  tx: Tx = db,
): Promise<CustomerMatch[]> {
  const q = text.trim();
  if (q.length < 2 || q.length > 100) return [];
  const limit = Math.min(Math.max(options.limit ?? 10, 1), 25);
  const ids = await tx.$queryRaw<{ id: string }[]>`
    SELECT c.id::text FROM customers c
    WHERE ${searchCondition(q)}
    ORDER BY (c.email = ${q.toLowerCase()}) DESC, c.last_name, c.first_name, c.id
    LIMIT ${limit}`;
  if (!ids.length) return [];
  const rows = await tx.customer.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      phone: true,
      addresses: { orderBy: [{ isDefault: 'desc' }, { id: 'asc' }], take: 1 },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map(({ id }) => {
    const c = byId.get(id)!;
    return {
      ...contactDto(c),
      address: c.addresses[0] ? addressDto(c.addresses[0]) : null,
    };
  });
}

/**
 * The customer list's header sort: by name (last, first) by default, or by order count, lifetime value
 * or last order, either way. A customer without orders has no last order and comes last both ways.
 */
export const CUSTOMER_SORT = sortSpec(['name', 'orders', 'ltv', 'last'], { id: 'name', desc: false });
export type CustomerSort = ListSort<(typeof CUSTOMER_SORT.columns)[number]>;

const guestSql = Prisma.sql`(c.email LIKE ${GUEST_EMAIL_LIKE})`;
// Order count, lifetime value and last order of the customer `c`.
const STATS_SQL = Prisma.sql`LEFT JOIN LATERAL (
      SELECT count(*) AS order_count, sum(o.total) FILTER (WHERE o.status <> 'cancelled') AS
        lifetime_value, max(o.placed_at) AS last_order_at
      FROM orders o WHERE o.customer_id = c.id
    ) s ON TRUE`;

// The default sort's cursor is (guest, last name, first name, id), as it always was; another sort's
// carries the sort, so that it is never read as a position in another order, and the last row's keys.
const ZCustomerCursor = z.union([
  z.tuple([z.boolean(), z.string(), z.string(), zUuid()]),
  z.tuple([
    z.enum(CUSTOMER_SORT.columns),
    z.boolean(),
    z.boolean(),
    z.array(z.union([z.string().max(500), z.number().int(), z.null()])).max(2),
    zUuid(),
  ]),
]);

type CursorValue = string | number | null;

/** The sort's keys (after the guest group, before the id) and the SQL of a cursor's values for them. */
function customerKeys(sort: CustomerSort) {
  // NULLS LAST either way: a customer who never ordered sorts as the latest possible order ascending
  // and the earliest descending.
  const never = Prisma.raw(sort.desc ? "'-infinity'::timestamptz" : "'infinity'::timestamptz");
  return {
    name: {
      keys: [Prisma.sql`c.last_name`, Prisma.sql`c.first_name`],
      values: (v: readonly CursorValue[]) => [
        Prisma.sql`${String(v[0])}::text`,
        Prisma.sql`${String(v[1])}::text`,
      ],
      of: (r: { last_name: string; first_name: string }) => [r.last_name, r.first_name],
    },
    orders: {
      keys: [Prisma.sql`coalesce(s.order_count, 0)`],
      values: (v: readonly CursorValue[]) => [Prisma.sql`${Number(v[0])}::bigint`],
      of: (r: { order_count: bigint }) => [Number(r.order_count)],
    },
    ltv: {
      keys: [Prisma.sql`coalesce(s.lifetime_value, 0)`],
      values: (v: readonly CursorValue[]) => [Prisma.sql`${Number(v[0])}::bigint`],
      of: (r: { lifetime_value: bigint }) => [Number(r.lifetime_value)],
    },
    last: {
      keys: [Prisma.sql`coalesce(s.last_order_at, ${never})`],
      values: (v: readonly CursorValue[]) => [
        v[0] === null ? never : Prisma.sql`${String(v[0])}::timestamptz`,
      ],
      of: (r: { last_order_at: Date | null }) => [r.last_order_at?.toISOString() ?? null],
    },
  }[sort.id];
}

/**
 * The customer list: optional search, real customers first, then the channels' guest customers
 * (isGuestEmail: imported orders without an email, no name, no address — they sorted first on their
 * blank last name), each group in the sort's order (by last name, first name unless the URL says
 * otherwise), the id breaking ties; keyset-paginated on (guest, the sort's keys, id). Each row carries
 * the order count and lifetime value (Σ totals of orders not cancelled): sorted by name, computed for
 * the page's rows only; sorted by one of them, for every customer the search matches.
 */
export async function customerList(
  filter: { q?: string; cursor?: string; limit: number; sort?: CustomerSort },
  tx: Tx = db,
): Promise<{ data: CustomerRow[]; next_cursor: string | null }> {
  const sort = filter.sort ?? CUSTOMER_SORT.default;
  const isDefault = sort.id === CUSTOMER_SORT.default.id && sort.desc === CUSTOMER_SORT.default.desc;
  const spec = customerKeys(sort);
  const keys = [...spec.keys, Prisma.sql`c.id`];
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.q?.trim()) where.push(searchCondition(filter.q));
  let after: { guest: boolean; values: Prisma.Sql[] } | null = null;
  if (filter.cursor) {
    const decoded = decodeCursor(filter.cursor, ZCustomerCursor);
    if (decoded.length === 4 && isDefault) {
      const [guest, last, first, id] = decoded;
      after = { guest, values: [...spec.values([last, first]), Prisma.sql`${id}::uuid`] };
    } else if (
      decoded.length === 5 &&
      decoded[0] === sort.id &&
      decoded[1] === sort.desc &&
      decoded[3].length === spec.keys.length
    ) {
      after = { guest: decoded[2], values: [...spec.values(decoded[3]), Prisma.sql`${decoded[4]}::uuid`] };
    } else {
      throw new AppError('VALIDATION_FAILED', 'Invalid cursor', [
        { field: 'cursor', message: 'This cursor belongs to another sort order; start from the first page' },
      ]);
    }
  }
  const keyset = keysetSql(sort.desc, keys, after?.values);
  if (after && keyset.after)
    where.push(
      Prisma.sql`(${guestSql} > ${after.guest} OR (${guestSql} = ${after.guest} AND ${keyset.after}))`,
    );
  const order = Prisma.sql`${guestSql} ASC, ${keyset.orderBy}`;
  type Raw = {
    id: string;
    first_name: string;
    last_name: string;
    email: string;
    tags: string[];
    guest: boolean;
    order_count: bigint;
    lifetime_value: bigint;
    last_order_at: Date | null;
  };
  const rows =
    sort.id === 'name'
      ? // the page's customers first, then their orders: a page costs the same however many there are
        await tx.$queryRaw<Raw[]>`
    SELECT c.id::text, c.first_name, c.last_name, c.email, c.tags, c.guest,
           coalesce(s.order_count, 0) AS order_count, coalesce(s.lifetime_value, 0) AS lifetime_value, s.last_order_at
    FROM (
      SELECT c.*, ${guestSql} AS guest FROM customers c WHERE ${Prisma.join(where, ' AND ')}
      ORDER BY ${order} LIMIT ${filter.limit + 1}
    ) c
    ${STATS_SQL}
    ORDER BY ${order}`
      : await tx.$queryRaw<Raw[]>`
    SELECT c.id::text, c.first_name, c.last_name, c.email, c.tags, ${guestSql} AS guest,
           coalesce(s.order_count, 0) AS order_count, coalesce(s.lifetime_value, 0) AS lifetime_value, s.last_order_at
    FROM customers c
    ${STATS_SQL}
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY ${order} LIMIT ${filter.limit + 1}`;
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({
      id: r.id,
      name: `${r.first_name} ${r.last_name}`.trim(),
      email: r.email,
      tags: r.tags,
      guest: r.guest,
      order_count: Number(r.order_count),
      lifetime_value: Number(r.lifetime_value),
      last_order_at: r.last_order_at?.toISOString() ?? null,
    })),
    next_cursor:
      rows.length > filter.limit && last
        ? encodeCursor(
            isDefault
              ? [last.guest, last.last_name, last.first_name, last.id]
              : [sort.id, sort.desc, last.guest, spec.of(last), last.id],
          )
        : null,
  };
}

/**
 * One customer: contact details, tags, addresses, and the order history (newest first, up to
 * `ordersLimit`) with lifetime value = Σ totals of orders not cancelled and the order count (all
 * orders; cancelled ones are counted separately too).
 */
/** A customer's order history's header sort: the latest first by default. */
export const CUSTOMER_ORDER_SORT = sortSpec(['number', 'placed', 'status', 'total'], {
  id: 'placed',
  desc: true,
});

export async function customerDetail(
  id: string,
  options: { ordersLimit?: number; ordersSort?: ListSort<(typeof CUSTOMER_ORDER_SORT.columns)[number]> } = {},
  tx: Tx = db,
): Promise<CustomerDetail | null> {
  if (!isUuid(id)) return null;
  const ordersLimit = options.ordersLimit ?? 100;
  const ordersOrder = sqlOrderBy(options.ordersSort ?? CUSTOMER_ORDER_SORT.default, {
    number: 'o.number',
    placed: 'o.placed_at',
    status: 'o.status::text',
    total: 'o.total',
  });
  const c = await tx.customer.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      phone: true,
      tags: true,
      createdAt: true,
      addresses: { orderBy: [{ isDefault: 'desc' }, { id: 'asc' }] },
    },
  });
  if (!c) return null;
  const [stats, orders] = await allOn(tx, [
    () => tx.$queryRaw<
      {
        order_count: bigint;
        cancelled_count: bigint;
        lifetime_value: bigint | null;
        first_order_at: Date | null;
        last_order_at: Date | null;
      }[]
    >`
      SELECT count(*) AS order_count, count(*) FILTER (WHERE status = 'cancelled') AS cancelled_count,
             sum(total) FILTER (WHERE status <> 'cancelled') AS lifetime_value, min(placed_at) AS
               first_order_at, max(placed_at) AS last_order_at
      FROM orders WHERE customer_id = ${c.id}::uuid`,
    () => tx.$queryRaw<
      {
        id: string;
        number: number;
        placed_at: Date;
        status: string;
        payment_status: string;
        channel: string;
        total: number;
        currency: string;
        items: bigint;
      }[]
    >`
      SELECT o.id::text, o.number, o.placed_at, o.status::text, o.payment_status::text,
        o.channel::text, o.total, o.currency,
             (SELECT coalesce(sum(ol.quantity), 0) FROM order_lines ol WHERE ol.order_id = o.id) AS items
      FROM orders o WHERE o.customer_id = ${c.id}::uuid
      ORDER BY ${Prisma.raw(ordersOrder)}, o.placed_at DESC, o.id DESC LIMIT ${ordersLimit + 1}`,
  ]);
  const s = stats[0];
  return {
    ...contactDto(c),
    tags: c.tags,
    created_at: c.createdAt.toISOString(),
    addresses: c.addresses.map(addressDto),
    stats: {
      order_count: Number(s.order_count),
      cancelled_count: Number(s.cancelled_count),
      lifetime_value: Number(s.lifetime_value ?? 0),
      first_order_at: s.first_order_at?.toISOString() ?? null,
      last_order_at: s.last_order_at?.toISOString() ?? null,
    },
    orders: orders.slice(0, ordersLimit).map((o) => ({
      id: o.id,
      number: o.number,
      placed_at: o.placed_at.toISOString(),
      status: o.status,
      payment_status: o.payment_status,
      channel: o.channel,
      total: o.total,
      currency: o.currency,
      items: Number(o.items),
    })),
    more_orders: orders.length > ordersLimit,
  };
}
