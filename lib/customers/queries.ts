import 'server-only';
import { GUEST_EMAIL_LIKE } from '@/lib/channels/rules';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { isUuid, zUuid } from '@/lib/boundary';
import { decodeCursor, encodeCursor } from '@/lib/cursor';
import { z } from 'zod';
import { sortSpec, sqlOrderBy, type ListSort } from '@/lib/list/sort';

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

export type CustomerDetail = {
  id: string;
  name: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
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
 * The customer list: optional search, real customers first, then the channels' guest customers
 * (isGuestEmail: imported orders without an email, no name, no address — they sorted first on their
 * blank last name), each sorted by last name, first name; keyset-paginated on (guest, last_name,
 * first_name, id). Each row carries the order count and lifetime
 * value (Σ totals of orders not cancelled), computed for the page's rows only.
 */
const guestSql = Prisma.sql`(c.email LIKE ${GUEST_EMAIL_LIKE})`;

export async function customerList(
  filter: { q?: string; cursor?: string; limit: number },
  tx: Tx = db,
): Promise<{ data: CustomerRow[]; next_cursor: string | null }> {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.q?.trim()) where.push(searchCondition(filter.q));
  if (filter.cursor) {
    const [guest, last, first, id] = decodeCursor(
      filter.cursor,
      z.tuple([z.boolean(), z.string(), z.string(), zUuid()]),
    );
    where.push(
      Prisma.sql`(${guestSql}, c.last_name, c.first_name, c.id) > (${guest}, ${last}, ${first}, ${id}::uuid)`,
    );
  }
  const rows = await tx.$queryRaw<
    {
      id: string;
      first_name: string;
      last_name: string;
      email: string;
      tags: string[];
      guest: boolean;
      order_count: bigint;
      lifetime_value: bigint;
      last_order_at: Date | null;
    }[]
  >`
    SELECT c.id::text, c.first_name, c.last_name, c.email, c.tags, c.guest,
           coalesce(s.order_count, 0) AS order_count, coalesce(s.lifetime_value, 0) AS lifetime_value, s.last_order_at
    FROM (
      SELECT c.*, ${guestSql} AS guest FROM customers c WHERE ${Prisma.join(where, ' AND ')}
      ORDER BY ${guestSql}, c.last_name, c.first_name, c.id LIMIT ${filter.limit + 1}
    ) c
    LEFT JOIN LATERAL (
      SELECT count(*) AS order_count, sum(o.total) FILTER (WHERE o.status <> 'cancelled') AS
        lifetime_value, max(o.placed_at) AS last_order_at
      FROM orders o WHERE o.customer_id = c.id
    ) s ON TRUE
    ORDER BY c.guest, c.last_name, c.first_name, c.id`;
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
        ? encodeCursor([last.guest, last.last_name, last.first_name, last.id])
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
  const [stats, orders] = await Promise.all([
    tx.$queryRaw<
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
    tx.$queryRaw<
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
