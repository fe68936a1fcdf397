import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/v1/openapi.json/route';
import { OPERATIONS, errorStatuses } from '@/lib/api/openapi';
import { contractProblems } from '@/tests/support/api-contract';
import { routeOptions } from '@/tests/setup/api-contract';

/** Every exported method of every /api/v1 route file, as `method path` beside the file. */
function routeFiles(dir = 'app/api/v1', prefix = '/api/v1'): { op: string; file: string; method: string }[] {
  const out: { op: string; file: string; method: string }[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry.startsWith('[...') || entry === 'openapi.json') continue; // catch-all 404 and the document itself
      const segment = entry.replace(/^\[(\w+)\]$/, '{$1}');
      out.push(...routeFiles(full, `${prefix}/${segment}`));
    } else if (entry === 'route.ts') {
      const source = readFileSync(full, 'utf8');
      for (const m of source.matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g))
        out.push({ op: `${m[1].toLowerCase()} ${prefix}`, file: full, method: m[1] });
    }
  }
  return out;
}

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

describe('OpenAPI document', () => {
  it('describes every /api/v1 operation and nothing that does not exist', async () => {
    const doc = (await GET().json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const described = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    );
    expect(described.sort()).toEqual(
      routeFiles()
        .map((r) => r.op)
        .sort(),
    );
  });

  it('describes each route with the options its handler is built with', async () => {
    for (const { op: key, file, method } of routeFiles()) {
      const op = OPERATIONS.find((o) => `${o.method} ${o.path}` === key)!;
      const mod = (await import(path.resolve(file))) as Record<string, object>;
      const options = routeOptions().get(mod[method]);
      expect(options, `${key} is built with apiRoute`).toBeDefined();
      const expected = {
        scope: options!.scope,
        body: options!.body,
        bodyOptional: options!.bodyOptional ?? false,
        query: options!.query,
        idempotent: Boolean(options!.idempotent),
        status: options!.idempotent ? (options!.idempotent.status ?? 201) : (options!.status ?? 200),
      };
      const described = {
        scope: op.scope,
        body: op.body,
        bodyOptional: op.bodyOptional ?? false,
        query: op.query,
        idempotent: op.idempotent ?? false,
        status: op.status ?? 200,
      };
      // the same zod objects, not look-alikes: the document is generated from what the handler parses
      expect(described, key).toEqual(expected);
      expect(described.body === expected.body && described.query === expected.query, key).toBe(true);
    }
  });

  it('names every operation, refs shared schemas and gives ids format uuid', async () => {
    const doc = (await GET().json()) as Doc;
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    const ids = ops.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(OPERATIONS.length);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    const getOrder = doc.paths['/api/v1/orders/{id}'].get as {
      parameters: { $ref: string }[];
      responses: Record<string, unknown>;
    };
    expect(getOrder.parameters).toEqual([{ $ref: '#/components/parameters/Id' }]);
    expect(getOrder.responses['200']).toEqual({
      description: 'OK',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
    });
    // Refund is defined once and referenced from Return, the refund list and the refund operations
    const text = JSON.stringify(doc);
    expect(text.split('"$ref":"#/components/schemas/Refund"').length - 1).toBeGreaterThanOrEqual(6);
    expect((doc.components.schemas.Order.properties as Record<string, object>).id).toEqual({
      type: 'string',
      format: 'uuid',
    });
  });

  it('gives the idempotent POSTs the Idempotency-Key header and the Idempotent-Replayed response header', async () => {
    const doc = (await GET().json()) as Doc;
    const receipt = doc.paths['/api/v1/inventory/receipts'].post as {
      parameters: { $ref: string }[];
      responses: Record<string, { headers?: object }>;
    };
    expect(receipt.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(receipt.responses['201'].headers).toEqual({
      'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' },
    });
    // Every idempotent operation says so in the document (which operations are idempotent is checked
    // against the handlers' own options above, so this needs no count that every new route would edit).
    const idempotent = OPERATIONS.filter((o) => o.idempotent);
    expect(idempotent.map((o) => o.operationId)).toContain('createReceipt');
    for (const op of idempotent) {
      const described = doc.paths[op.path][op.method] as {
        parameters: { $ref: string }[];
        responses: Record<string, { headers?: object }>;
      };
      expect(described.parameters, op.operationId).toContainEqual({
        $ref: '#/components/parameters/IdempotencyKey',
      });
      expect(described.responses[String(op.status ?? 200)].headers, op.operationId).toEqual({
        'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' },
      });
    }
  });

  it('carries the request schema the handler validates with, required only when the body is', async () => {
    const doc = (await GET().json()) as Doc;
    const settings = doc.components.schemas.UpdateSettingsBody as {
      properties: Record<string, { enum?: string[] }>;
      additionalProperties: boolean;
    };
    expect(settings.properties.inventory_costing.enum).toEqual(['fifo', 'average']);
    expect(settings.additionalProperties).toBe(false);
    const cancel = doc.paths['/api/v1/orders/{id}/cancel'].post.requestBody as { required: boolean };
    expect(cancel).toEqual({
      required: false,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CancelOrderBody' } } },
    });
    const cancelBody = doc.components.schemas.CancelOrderBody as { required?: string[] };
    expect(cancelBody.required).toBeUndefined(); // reason has a default
  });

  it('lists every error status a route can give, each a shared response with the error schema', async () => {
    const doc = (await GET().json()) as Doc;
    const responses = (doc.paths['/api/v1/orders/{id}/cancel'].post as { responses: object }).responses;
    expect(Object.keys(responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '405', '409', '413', '415', '422', '429', '503'].sort(),
    );
    // a GET without path id or query: only the statuses any request can meet
    expect(errorStatuses(OPERATIONS.find((o) => o.operationId === 'listLocations')!)).toEqual([
      401, 403, 405, 429, 503,
    ]);
  });
});

describe('contract check', () => {
  const request = (method: string, url: string) => new Request(`http://localhost${url}`, { method });

  it('passes a response that matches its operation', async () => {
    const ok = Response.json({ data: [] });
    expect(await contractProblems(request('GET', '/api/v1/locations'), ok)).toEqual([]);
  });

  it('fails a wrong body, an undescribed status and an unknown operation', async () => {
    const wrong = Response.json({ data: [{ id: 'not-a-uuid', code: 'MAIN' }] });
    const [problem] = await contractProblems(request('GET', '/api/v1/locations'), wrong);
    expect(problem).toMatch(/listLocations .* body does not match the schema/);
    expect(problem).toMatch(/\/data\/0\/id must match format "uuid"/);
    expect(
      await contractProblems(
        request('GET', '/api/v1/locations'),
        Response.json({ error: { code: 'CONFLICT', message: 'x' } }, { status: 409 }),
      ),
    ).toEqual([
      "listLocations (GET /api/v1/locations) → 409: the status is not among the operation's responses",
    ]);
    const noFields = Response.json({ error: { code: 'VALIDATION_FAILED', message: 'x' } }, { status: 422 });
    expect(await contractProblems(request('POST', '/api/v1/inventory/receipts'), noFields)).toHaveLength(1);
    expect(await contractProblems(request('PUT', '/api/v1/locations'), Response.json({}))).toEqual([
      'PUT /api/v1/locations is not an operation of the OpenAPI document',
    ]);
  });
});
