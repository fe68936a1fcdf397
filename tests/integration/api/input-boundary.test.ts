import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { db } from '@/lib/db';
import { apiRequest, makeApiKey, makeLocations, makeProduct, routeContext } from '@/tests/factories';
import * as ordersRoute from '@/app/api/v1/orders/route';
import * as orderRoute from '@/app/api/v1/orders/[id]/route';
import * as approveReturnRoute from '@/app/api/v1/returns/[id]/approve/route';
import * as productsRoute from '@/app/api/v1/products/route';
import * as cycleCountsRoute from '@/app/api/v1/cycle-counts/route';
import * as ticketsRoute from '@/app/api/v1/tickets/route';
import * as receiptsRoute from '@/app/api/v1/inventory/receipts/route';
import * as settingsRoute from '@/app/api/v1/settings/route';
import * as kpisRoute from '@/app/api/v1/kpis/route';
import * as locationsRoute from '@/app/api/v1/locations/route';
import { proxy } from '@/proxy';
import { allowedMethods } from '@/lib/api/methods';
import { GUARD_ALLOW, installMethodGuard } from '@/lib/api/method-guard';
import { encodeCursor } from '@/lib/cursor';
import { formObject } from '@/lib/server-action';
import { validateProductCsv } from '@/lib/catalog/csv';
import { AppError } from '@/lib/errors';
import { currencyDigits, formatMoney, parseMoney, toDecimalString } from '@/lib/money';

let key: string;

beforeAll(async () => {
  await makeLocations();
  key = (await makeApiKey(['*'])).key;
});

type ErrorJson = { error: { code: string; message: string; details?: { field: string; message: string }[] } };
async function fields(res: Response): Promise<string[]> {
  const body = (await res.json()) as ErrorJson;
  return (body.error.details ?? []).map((d) => d.field);
}

const get = (route: { GET: (r: Request, c: never) => Promise<Response> }, url: string) =>
  route.GET(apiRequest(url, { key }), routeContext() as never);

const settingsRow = () => db.shopSettings.findUniqueOrThrow({ where: { id: 1 } });
const counts = async () => ({
  orders: await db.order.count(),
  movements: await db.stockMovement.count(),
  journal: await db.journalEntry.count(),
  audit: await db.auditLog.count(),
});

const patchSettings = (body: unknown) =>
  settingsRoute.PATCH(apiRequest('/api/v1/settings', { method: 'PATCH', key, body }), routeContext());

const order = (overrides: Record<string, unknown> = {}) => ({
  channel: 'web',
  currency: 'USD',
  customer: { email: 'a@example.com', name: 'A Buyer' },
  shipping_address: {
    name: 'A Buyer',
    line1: '1 Main St',
    city: 'Springfield',
    region: 'IL',
    postal_code: '62701',
    country: 'US',
  },
  lines: [{ sku: 'SKU-A', quantity: 1, unit_price: 1000 }],
  ...overrides,
});
const postOrder = (body: unknown) =>
  ordersRoute.POST(apiRequest('/api/v1/orders', { method: 'POST', key, body }), routeContext());

describe('NUL and lone surrogates', () => {
  it('refuses a NUL in a JSON body with 422 naming the field, and changes nothing', async () => {
    const before = await settingsRow();
    const res = await patchSettings({ shop_name: 'Back\u0000room' });
    expect(res.status).toBe(422);
    expect(await fields(res)).toEqual(['shop_name']);
    expect(await settingsRow()).toEqual(before);
  });

  it('refuses a lone surrogate deep in a body, before the route schema runs', async () => {
    const before = await counts();
    // JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse turns back into it.
    const res = await postOrder(order({ lines: [{ sku: 'SKU-\ud800', quantity: 1, unit_price: 1000 }] }));
    expect(res.status).toBe(422);
    expect(await fields(res)).toEqual(['lines.0.sku']);
    const low = await postOrder(order({ note: 'x\udc00y' }));
    expect(await fields(low)).toEqual(['note']);
    // A well-formed pair (an emoji) is fine as far as the net goes (the SKU is unknown, a 422 too, but on sku).
    expect(await counts()).toEqual(before);
  });

  it('refuses a NUL in a query string and in a key name', async () => {
    const res = await get(ordersRoute, '/api/v1/orders?q=a%00b');
    expect(res.status).toBe(422);
    expect(await fields(res)).toEqual(['q']);
    const keyed = await get(ordersRoute, '/api/v1/orders?a%00=1');
    expect(keyed.status).toBe(422);
  });

  it('a lone surrogate cannot arrive in a URL: its UTF-8 bytes decode to U+FFFD, answered without a 5xx', async () => {
    const res = await get(ordersRoute, '/api/v1/orders?q=%ED%A0%80');
    expect(res.status).toBe(200);
  });

  it('refuses them in server-action forms and CSV imports too', async () => {
    const form = new FormData();
    form.set('name', 'ok');
    form.set('note', 'bad\u0000');
    expect(() => formObject(form)).toThrow(AppError);
    try {
      formObject(form);
    } catch (error) {
      expect((error as AppError).details).toEqual([{ field: 'note', message: expect.any(String) }]);
    }
    const csv = 'product_name,sku,price\nMug,MUG-\u00001,12.00\n';
    const result = await validateProductCsv(csv);
    expect(result.errors).toEqual([{ row: 2, field: 'sku', message: expect.stringMatching(/NUL/) }]);
  });
});

describe('ids, cursors and dates', () => {
  it('answers 404 for a 36-character path id that is not a UUID, before any query', async () => {
    for (const id of [
      'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
      '-'.repeat(36),
      'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaa-',
    ]) {
      expect(id).toHaveLength(36);
      const res = await orderRoute.GET(apiRequest(`/api/v1/orders/${id}`, { key }), routeContext({ id }));
      expect(res.status).toBe(404);
      expect(((await res.json()) as ErrorJson).error.code).toBe('NOT_FOUND');
    }
    const before = await counts();
    const id = '-'.repeat(36);
    const res = await approveReturnRoute.POST(
      apiRequest(`/api/v1/returns/${id}/approve`, { method: 'POST', key }),
      routeContext({ id }),
    );
    expect(res.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('hands out signed cursors that page on, and refuses forged or overflowing ones naming cursor', async () => {
    await makeProduct(['CUR-A'], { name: 'Cursor A' });
    await makeProduct(['CUR-B'], { name: 'Cursor B' });
    const first = await get(productsRoute, '/api/v1/products?limit=1&sort=name');
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { data: { name: string }[]; next_cursor: string };
    expect(page1.next_cursor).toMatch(/^[\w-]+\.[\w-]+$/);
    const second = await get(productsRoute, `/api/v1/products?limit=1&sort=name&cursor=${page1.next_cursor}`);
    expect(second.status).toBe(200);
    const page2 = (await second.json()) as { data: { name: string }[] };
    expect(page2.data[0].name > page1.data[0].name).toBe(true);

    const [payload] = page1.next_cursor.split('.');
    const forged = [
      `${payload}.AAAAAAAAAAAAAAAAAAAAAA`, // the right payload, a made-up signature
      Buffer.from('["zzz","00000000-0000-4000-8000-000000000000"]').toString('base64url'), // unsigned
      Buffer.from('99999999999999999999|x').toString('base64url'), // the old unsigned format
    ];
    for (const cursor of forged) {
      const res = await get(productsRoute, `/api/v1/products?sort=name&cursor=${cursor}`);
      expect(res.status, cursor).toBe(422);
      expect(await fields(res)).toEqual(['cursor']);
    }
    // A correctly signed cursor whose value would overflow the int4 it is cast to is still refused.
    const overflowing = encodeCursor(['price', 99_999_999_999, '00000000-0000-4000-8000-000000000000']);
    const res = await get(productsRoute, `/api/v1/products?sort=price&cursor=${overflowing}`);
    expect(res.status).toBe(422);
    expect(await fields(res)).toEqual(['cursor']);
    // A cursor of one sort used with another.
    const other = await get(productsRoute, `/api/v1/products?sort=price&cursor=${page1.next_cursor}`);
    expect(await fields(other)).toEqual(['cursor']);
  });

  it('refuses forged cursors on every other paginated list', async () => {
    const bad = `${Buffer.from('99999999999').toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA`;
    for (const [route, url] of [
      [ordersRoute, '/api/v1/orders'],
      [cycleCountsRoute, '/api/v1/cycle-counts'],
      [ticketsRoute, '/api/v1/tickets'],
    ] as const) {
      for (const cursor of [bad, '99999999999', encodeCursor(99_999_999_999)]) {
        const res = await get(route, `${url}?cursor=${cursor}`);
        expect(res.status, `${url} ${cursor}`).toBe(422);
        expect(await fields(res)).toEqual(['cursor']);
      }
    }
  });

  it('refuses dates in year 0 and year 10000 in bodies and filters, naming the field', async () => {
    const before = await counts();
    for (const placed_at of ['0000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z', '1999-12-31T23:59:59Z']) {
      const res = await postOrder(order({ placed_at }));
      expect(res.status, placed_at).toBe(422);
      expect(await fields(res)).toEqual(['placed_at']);
    }
    for (const [param, value] of [
      ['from', '0000-01-01'],
      ['to', '10000-01-01'],
      ['shipped_from', '2101-01-01'],
    ]) {
      const res = await get(ordersRoute, `/api/v1/orders?${param}=${value}`);
      expect(res.status, `${param}=${value}`).toBe(422);
      expect(await fields(res)).toEqual([param]);
    }
    expect(await counts()).toEqual(before);
  });

  it('answers a far-future KPI range with 422 within a second (it used to loop forever)', async () => {
    for (const [from, to, field] of [
      ['9999-01-01', '9999-12-31', 'from'],
      ['2026-01-01', '9999-12-31', 'to'],
      ['2000-01-01', '2100-12-31', 'to'], // inside the window, longer than five years
    ]) {
      const started = performance.now();
      const res = await get(kpisRoute, `/api/v1/kpis?from=${from}&to=${to}`);
      const elapsed = performance.now() - started;
      expect(res.status, `${from}..${to}`).toBe(422);
      expect(await fields(res)).toContain(field);
      expect(elapsed).toBeLessThan(1000);
    }
  });
});

describe('money, currencies and integers', () => {
  it('refuses order amounts each within limit whose sum overflows int4, and writes nothing', async () => {
    const before = await counts();
    // 22 lines × 1 × 100,000,000 = 2,200,000,000 > 2,147,483,647 (each line and price is within its limit).
    const lines = Array.from({ length: 22 }, (_, i) => ({
      sku: `BIG-${i}`,
      quantity: 1,
      unit_price: 100_000_000,
    }));
    const res = await postOrder(order({ lines }));
    expect(res.status).toBe(422);
    expect(await fields(res)).toEqual(['lines']);
    // One line: 10,000 × 100,000,000 = 10^12, past int4 on its own.
    const one = await postOrder(
      order({ lines: [{ sku: 'BIG', quantity: 10_000, unit_price: 100_000_000 }] }),
    );
    expect(await fields(one)).toEqual(['lines.0.unit_price']);
    // 21 lines × 100,000,000 = 2,100,000,000 fits; + shipping 100,000,000 = 2,200,000,000 does not.
    const total = await postOrder(order({ lines: lines.slice(0, 21), shipping_amount: 100_000_000 }));
    expect(await fields(total)).toEqual(['shipping_amount']);
    expect(await counts()).toEqual(before);
  });

  it('refuses receipt lines whose value overflows, and moves no stock', async () => {
    await makeProduct(['REC-A', 'REC-B', 'REC-C']);
    const before = await counts();
    // 3 × (1,000 × 1,000,000) = 3,000,000,000 > 2,147,483,647; each line (10^9) fits.
    const res = await receiptsRoute.POST(
      apiRequest('/api/v1/inventory/receipts', {
        method: 'POST',
        key,
        body: {
          location: 'MAIN',
          lines: ['REC-A', 'REC-B', 'REC-C'].map((sku) => ({ sku, quantity: 1000, unit_cost: 1_000_000 })),
        },
      }),
      routeContext(),
    );
    expect(res.status).toBe(422);
    expect(await fields(res)).toEqual(['lines']);
    expect(await counts()).toEqual(before);
  });

  it('PATCH /settings refuses a currency outside ISO 4217 and non-integer limits, naming the field', async () => {
    const before = await settingsRow();
    for (const currency of ['ZZZ', 'XXX', 'usdd', '']) {
      const res = await patchSettings({ currency });
      expect(res.status, currency).toBe(422);
      expect(await fields(res)).toEqual(['currency']);
    }
    for (const value of [null, true, [], '  42 ', '4e1', 42.5, -1, 100_000_001]) {
      const res = await patchSettings({ support_refund_limit: value });
      expect(res.status, JSON.stringify(value)).toBe(422);
      expect(await fields(res)).toEqual(['support_refund_limit']);
    }
    const res = await patchSettings({ fraud_review_threshold: '  7 ' });
    expect(await fields(res)).toEqual(['fraud_review_threshold']);
    expect(await settingsRow()).toEqual(before);

    const ok = await patchSettings({ currency: 'jpy', count_approval_limit: 5000 });
    expect(ok.status).toBe(200);
    const after = await settingsRow();
    expect(after.currency).toBe('JPY');
    expect(after.countApprovalLimit).toBe(5000);
    await patchSettings({ currency: before.currency, count_approval_limit: before.countApprovalLimit });
  });

  it('formats and parses money in each currency’s own minor units', () => {
    expect([currencyDigits('USD'), currencyDigits('JPY'), currencyDigits('KWD')]).toEqual([2, 0, 3]);
    expect(toDecimalString(1500, 'JPY')).toBe('1500');
    expect(toDecimalString(1500, 'KWD')).toBe('1.500');
    expect(parseMoney('12.5', 'KWD')).toBe(12_500); // 12.500 KWD = 12,500 fils
    expect(parseMoney('12.5', 'JPY')).toBeNull(); // yen have no minor unit
    expect(formatMoney(1234, 'USD')).toBe('$12.34');
  });
});

describe('every method and route answers JSON', () => {
  const gate = (method: string, url: string) => proxy(new NextRequest(`http://localhost${url}`, { method }));

  it('answers a wrong method on a known route with 405, Allow and the error envelope', async () => {
    const res = gate('DELETE', '/api/v1/settings')!;
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, PATCH, HEAD, OPTIONS');
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('METHOD_NOT_ALLOWED');
    const put = gate('PUT', '/api/v1/orders/00000000-0000-4000-8000-000000000000')!;
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const made = gate('PROPFIND', '/dashboard')!;
    expect(made.status).toBe(405);
    expect(((await made.json()) as ErrorJson).error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers TRACE (which Next.js cannot turn into a Request) with a JSON 405 at the HTTP server', async () => {
    installMethodGuard();
    const server = http.createServer((_req, res) => res.end('reached the app'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const send = (method: string) =>
      new Promise<{ status: number; allow?: string; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method, path: '/api/v1/orders' }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const trace = await send('TRACE');
      expect(trace.status).toBe(405);
      expect(trace.allow).toBe(GUARD_ALLOW);
      expect((JSON.parse(trace.body) as ErrorJson).error.code).toBe('METHOD_NOT_ALLOWED');
      expect((await send('GET')).body).toBe('reached the app');
    } finally {
      server.close();
    }
  });

  it('answers an unknown /api/v1 route with a JSON 404 for any method, and lets known ones through', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = gate(method, '/api/v1/nothing-here')!;
      expect(res.status).toBe(404);
      expect(((await res.json()) as ErrorJson).error.code).toBe('NOT_FOUND');
    }
    expect(gate('GET', '/api/v1/orders')).toBeUndefined();
    expect(gate('POST', '/api/v1/orders/00000000-0000-4000-8000-000000000000/cancel')).toBeUndefined();
    expect(gate('OPTIONS', '/api/v1/orders')).toBeUndefined();
    expect(gate('GET', '/dashboard')).toBeUndefined();
  });

  it('knows every method every /api/v1 route file exports (the table cannot fall behind)', () => {
    const walk = (dir: string, prefix: string): [string, string][] =>
      readdirSync(dir).flatMap((entry): [string, string][] => {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) {
          if (entry.startsWith('[...')) return [];
          const segment = /^\[\w+\]$/.test(entry) ? '00000000-0000-4000-8000-000000000000' : entry;
          return walk(full, `${prefix}/${segment}`);
        }
        if (entry !== 'route.ts') return [];
        const source = readFileSync(full, 'utf8');
        return [...source.matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g)].map((m) => [m[1], prefix]);
      });
    const exported = walk('app/api/v1', '/api/v1');
    expect(exported.length).toBeGreaterThan(30);
    for (const [method, url] of exported) expect(allowedMethods(url), `${method} ${url}`).toContain(method);
  });

  it('answers 401 with WWW-Authenticate: Bearer when the key is missing or invalid', async () => {
    for (const k of [null, 'brk_not-a-real-key']) {
      const res = await locationsRoute.GET(apiRequest('/api/v1/locations', { key: k }), routeContext());
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
      expect(((await res.json()) as ErrorJson).error.code).toBe('UNAUTHENTICATED');
    }
  });
});
