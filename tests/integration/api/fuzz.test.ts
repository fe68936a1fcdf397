import { existsSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { openApiDocument } from '@/lib/api/openapi';
import { apiRequest, makeApiKey, makeLocations, makeProduct, routeContext } from '@/tests/factories';

/**
 * Property-based fuzzing of /api/v1, generated from the OpenAPI document (docs/decisions/024): for
 * every operation, path ids, query strings and bodies drawn from the schema's own types mixed with the
 * hostile classes of issue 12 (NUL, lone surrogates, 36-character non-UUIDs, forged cursors, year 0 /
 * year 10000, money that overflows 32 bits in sum, wrong types). Every response must be < 500, carry
 * the error envelope when it is an error, name the field of a 422, and a refused write must change
 * nothing. Responses also pass the contract check (tests/setup/api-contract.ts).
 *
 * Bounded and reproducible: FUZZ_SEED (default below) and FUZZ_RUNS per operation; a failure prints
 * the seed and the shrunk request, and `FUZZ_SEED=… npx vitest run tests/integration/api/fuzz.test.ts`
 * replays it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  default?: unknown;
};
type Parameter = { name?: string; in?: string; required?: boolean; schema?: Schema; $ref?: string };
type OperationObject = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: { 'application/json'?: { schema: Schema } } };
};

const doc = openApiDocument();
const schemas = doc.components.schemas as Record<string, Schema>;
const resolve = (s: Schema): Schema => (s.$ref ? resolve(schemas[s.$ref.split('/').pop()!]) : s);

/** Ids of records that exist (filled in beforeAll), so some requests reach the use cases. */
const realIds: string[] = [];

const INT32_MAX = 2_147_483_647;
const hostileStrings = [
  'a\u0000b', // NUL
  '\u0000',
  'x\ud800y', // lone high surrogate
  '\udfff', // lone low surrogate
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', // 36 characters, not a UUID
  '123456789012345678901234567890123456',
  '0000-01-01', // year 0
  '10000-01-01', // year 10000
  '9999-12-31',
  '0000-01-01T00:00:00.000Z',
  '+010000-01-01T00:00:00.000Z',
  ' 42 ',
  '',
  'ZZZ',
  'x'.repeat(5_000),
];
const forgedCursors = [
  'AAAA',
  '-1',
  '9'.repeat(40),
  Buffer.from('{"offset":-5}').toString('base64url'),
  Buffer.from('{"id":"00000000-0000-0000-0000-000000000000","v":99999999999999999999}').toString('base64url'),
  'eyJvIjo5OTk5OTk5OTk5OTk5OTk5OTk5OTk5fQ',
  `${'A'.repeat(180)}.${'B'.repeat(19)}`,
];
const wrongTypes: unknown[] = [null, true, false, [], {}, ' 42 ', 1.5, -1, 2 ** 53 + 2, 'null'];
const hostileIntegers = [
  INT32_MAX,
  INT32_MAX + 1,
  -INT32_MAX - 2,
  1_500_000_000,
  9_007_199_254_740_993,
  0,
  -1,
];

const hostile = (extra: unknown[] = []) => fc.constantFrom(...hostileStrings, ...wrongTypes, ...extra);

/** A value of the schema's own type, bounded so generated requests stay small. */
function valid(schema: Schema, depth = 0, name = ''): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const known = KNOWN[name];
  if (known && s.type === 'string' && !s.format && !s.enum)
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...known) },
      { weight: 1, arbitrary: valid(s, depth) },
    );
  if (s.allOf?.length) return valid(s.allOf[0], depth);
  if (s.anyOf?.length || s.oneOf?.length)
    return fc.oneof(...(s.anyOf ?? s.oneOf)!.map((x) => valid(x, depth)));
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => valid({ ...s, type }, depth)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 100_000);
      const lo = Math.max(min, -1_000_000);
      const hi = Math.min(max, 1_000_000);
      // each value within the field's limit, but at the limit: a few of them overflow 32 bits in sum
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: Math.min(lo, hi), max: Math.max(lo, hi) }) },
        { weight: 1, arbitrary: fc.constantFrom(min, max) },
      );
    }
    case 'string': {
      if (s.format === 'uuid')
        return realIds.length ? fc.oneof(fc.constantFrom(...realIds), fc.uuid()) : fc.uuid();
      if (s.format === 'date')
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      if (s.format === 'date-time')
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (s.format === 'email') return fc.emailAddress();
      if (s.pattern) {
        try {
          return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 64));
        } catch {
          /* a pattern fast-check cannot generate from: plain strings below */
        }
      }
      const minLength = s.minLength ?? 0;
      return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(s.maxLength ?? 24, 24)) });
    }
    case 'array':
      return fc.array(s.items ? valid(s.items, depth + 1) : fc.constant('x'), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
      });
    case 'object':
      if (!s.properties || depth > 4) return fc.constant({});
      return fc.record(
        Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, valid(v, depth + 1, k)])),
        { requiredKeys: s.required ?? [] },
      );
    default:
      return fc.constantFrom('x', 1, true);
  }
}

/** Values a shop has, by field name, so that some generated requests get past the lookups. */
const KNOWN: Record<string, string[]> = {
  sku: ['FZ-1', 'FZ-2'],
  location: ['MAIN', 'STORE'],
  from: ['MAIN', 'STORE'],
  to: ['MAIN', 'STORE'],
  currency: ['USD'],
  country: ['US'],
  email: ['fuzz@example.com'],
};

/** Every position in a JSON value, the value itself ([]) included. */
function positions(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...positions(v, [...at, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...positions(v, [...at, k]));
  return out;
}

function replaced(value: unknown, at: (string | number)[], by: unknown): unknown {
  if (!at.length) return by;
  const [head, ...rest] = at;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replaced(copy[head], rest, by);
  return copy;
}

/** A valid value with exactly one position swapped for a hostile one: it gets past everything else. */
function oneHostile(schema: Schema): fc.Arbitrary<unknown> {
  return valid(schema).chain((value) =>
    fc
      .tuple(fc.constantFrom(...positions(value)), hostile(hostileIntegers))
      .map(([at, bad]) => replaced(value, at, bad)),
  );
}

/** A query string value: the schema's type written as text, or a hostile string. */
function queryValue(name: string, schema: Schema): fc.Arbitrary<string> {
  const asText = valid(schema, 0, name).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  const bad =
    name === 'cursor'
      ? fc.constantFrom(...forgedCursors, ...hostileStrings)
      : fc.constantFrom(...hostileStrings);
  return fc.oneof({ weight: 3, arbitrary: asText }, { weight: 2, arbitrary: bad });
}

const pathId = () =>
  fc.oneof(
    { weight: 3, arbitrary: realIds.length ? fc.constantFrom(...realIds) : fc.uuid() },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...hostileStrings.filter((s) => s.length > 0 && s.length < 100)),
    },
  );

type Generated = { id: string | null; query: [string, string][]; body: unknown; bodyPresent: boolean };

function requestArbitrary(p: string, op: OperationObject): fc.Arbitrary<Generated> {
  const params = (op.parameters ?? []).filter((x): x is Parameter & { name: string; schema: Schema } =>
    Boolean(x.name && x.in === 'query' && x.schema),
  );
  const query = params.length
    ? fc
        .subarray(params)
        .chain((chosen) =>
          chosen.length
            ? fc.tuple(
                ...chosen.map((q) => queryValue(q.name, q.schema).map((v): [string, string] => [q.name, v])),
              )
            : fc.constant([] as [string, string][]),
        )
    : fc.constant([] as [string, string][]);
  // a CSV body (importOrders) is fuzzed as JSON: the route answers 415 without writing
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const body = bodySchema
    ? fc.oneof(
        { weight: 2, arbitrary: valid(bodySchema) },
        { weight: 5, arbitrary: oneHostile(bodySchema) },
        { weight: 1, arbitrary: hostile() },
      )
    : fc.constant(undefined);
  return fc.record({
    id: p.includes('{id}') ? pathId() : fc.constant(null),
    query,
    body,
    bodyPresent: op.requestBody?.required === false ? fc.boolean() : fc.constant(true),
  });
}

/** What a refused write must leave untouched. */
async function snapshot() {
  const [row] = await db.$queryRaw<Record<string, string>[]>`
    select (select count(*) from stock_movements)::text as movements,
           (select coalesce(sum(on_hand), 0) || '/' || coalesce(sum(reserved), 0) || '/' || coalesce(sum(damaged), 0)
              from stock_levels) as levels,
           (select count(*) || '/' || coalesce(sum(debit), 0) || '/' || coalesce(sum(credit), 0)
              from journal_lines) as journal,
           (select count(*) || '/' || coalesce(sum(total), 0) from orders) as orders,
           (select count(*) from refunds)::text as refunds,
           (select count(*) from returns)::text as returns,
           (select count(*) from products)::text as products,
           (select count(*) from tickets)::text as tickets,
           (select count(*) from audit_log)::text as audit`;
  return row;
}

const routeFile = (p: string) => path.resolve(`app${p.replace(/\{(\w+)\}/g, '[$1]')}/route.ts`);
type RouteModule = Record<string, (r: Request, c: ReturnType<typeof routeContext>) => Promise<Response>>;

let key: string;

beforeAll(async () => {
  await makeLocations();
  const { product } = await makeProduct(['FZ-1', 'FZ-2']);
  key = (await makeApiKey(['*'])).key;
  const receipts = (await import(routeFile('/api/v1/inventory/receipts'))) as RouteModule;
  const received = await receipts.POST(
    apiRequest('/api/v1/inventory/receipts', {
      method: 'POST',
      key,
      body: { location: 'MAIN', lines: [{ sku: 'FZ-1', quantity: 50, unit_cost: 300 }] },
    }),
    routeContext(),
  );
  expect(received.status).toBe(201);
  const orders = (await import(routeFile('/api/v1/orders'))) as RouteModule;
  const ordered = await orders.POST(
    apiRequest('/api/v1/orders', {
      method: 'POST',
      key,
      body: {
        channel: 'web',
        currency: 'USD',
        customer: { email: 'fuzz@example.com', name: 'Fuzz Buyer' },
        shipping_address: {
          name: 'Fuzz Buyer',
          line1: '1 Main St',
          city: 'Springfield',
          region: 'IL',
          postal_code: '62701',
          country: 'US',
        },
        lines: [{ sku: 'FZ-1', quantity: 2, unit_price: 1_000 }],
        payment: { method: 'card', amount: 2_000, status: 'captured' },
      },
    }),
    routeContext(),
  );
  const order = (await ordered.json()) as { id: string };
  expect(ordered.status, JSON.stringify(order)).toBe(201);
  realIds.push(product.id, order.id);
}, 120_000);

const operations = Object.entries(doc.paths).flatMap(([p, methods]) =>
  Object.entries(methods as Record<string, OperationObject>).map(([method, op]) => ({ p, method, op })),
);

describe('fuzzing every operation from the OpenAPI document', () => {
  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.p}`, o] as const))(
    '%s: no 5xx, the error envelope, 422 names fields, a refused write changes nothing',
    async (_name, { p, method, op }) => {
      const mod = (await import(routeFile(p))) as RouteModule;
      const handler = mod[method.toUpperCase()];
      expect(handler, `${op.operationId} has a handler`).toBeTypeOf('function');
      await fc.assert(
        fc.asyncProperty(requestArbitrary(p, op), async (g) => {
          // a URL cannot carry a lone surrogate (it has no UTF-8): the path shows U+FFFD while the
          // handler gets the raw id as its parameter, the hostile case
          const url = p.replace(
            '{id}',
            encodeURIComponent((g.id ?? '').replace(/[\ud800-\udfff]/g, '\ufffd')),
          );
          const qs = new URLSearchParams(g.query).toString();
          const write = method !== 'get';
          const before = write ? await snapshot() : null;
          const response = await handler(
            apiRequest(`${url}${qs ? `?${qs}` : ''}`, {
              method: method.toUpperCase(),
              key,
              ...(op.requestBody && g.bodyPresent ? { body: g.body } : {}),
            }),
            routeContext(g.id === null ? {} : { id: g.id }),
          );
          const text = await response.text();
          expect(
            response.status,
            `${op.operationId} answered ${response.status}: ${text.slice(0, 300)}`,
          ).toBeLessThan(500);
          if (response.status >= 400) {
            const body = JSON.parse(text) as {
              error?: { code?: unknown; message?: unknown; details?: unknown };
            };
            expect(typeof body.error?.code).toBe('string');
            expect(typeof body.error?.message).toBe('string');
            if (response.status === 422) {
              const details = body.error?.details as { field?: unknown }[];
              expect(Array.isArray(details) && details.length > 0, `422 without fields: ${text}`).toBe(true);
              for (const d of details) expect(typeof d.field).toBe('string');
            }
            if (write) expect(await snapshot(), `${op.operationId} ${response.status} wrote`).toEqual(before);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true, interruptAfterTimeLimit: 20_000 },
      );
    },
    60_000,
  );
});

/**
 * What Next does with a request for a route file: the root proxy (middleware) first, when the app has
 * one, then the module's export for the method, or Next's automatic answer when it has none.
 */
async function dispatch(mod: RouteModule, request: Request): Promise<Response> {
  for (const file of ['proxy.ts', 'middleware.ts']) {
    if (!existsSync(path.resolve(file))) continue;
    const proxy = (await import(path.resolve(file))) as Record<string, unknown>;
    const run = (proxy.proxy ?? proxy.middleware ?? proxy.default) as
      ((r: NextRequest) => Promise<Response | undefined> | Response | undefined) | undefined;
    const answered = run && (await run(new NextRequest(request)));
    if (answered && !answered.headers.get('x-middleware-next')) return answered;
  }
  const { autoImplementMethods } =
    (await import('next/dist/server/route-modules/app-route/helpers/auto-implement-methods.js')) as unknown as {
      autoImplementMethods: (m: RouteModule) => RouteModule;
    };
  return autoImplementMethods(mod)[request.method](request, routeContext());
}

describe('methods a path does not have', () => {
  // TRACE cannot be written as a fetch Request at all (undici refuses it), so it never reaches a route
  // module: it has to be answered before Next builds the request, and is tested over HTTP.
  it('answer 405 in the JSON envelope with an Allow header', async () => {
    const wrong: string[] = [];
    for (const [p, methods] of Object.entries(doc.paths)) {
      const mod = (await import(routeFile(p))) as RouteModule;
      const allowed = Object.keys(methods as object).map((m) => m.toUpperCase());
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !allowed.includes(m))) {
        const url = p.replace('{id}', '00000000-0000-4000-8000-000000000000');
        const response = await dispatch(mod, apiRequest(url, { method, key }));
        const text = await response.text();
        let code: unknown;
        try {
          code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
        } catch {
          code = undefined;
        }
        if (response.status !== 405 || typeof code !== 'string' || !response.headers.get('allow'))
          wrong.push(`${method} ${p} → ${response.status} ${text.slice(0, 60) || '(empty body)'}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
