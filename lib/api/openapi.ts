import { z } from 'zod';
import { ZUpdateSettingsInput } from '@/lib/settings/schemas';
import type { Permission } from '@/lib/auth/permissions';

/**
 * The OpenAPI 3.1 description of /api/v1, generated from the same zod schemas the handlers parse
 * with. Each route handler added under app/api/v1 adds its entry here (tests/integration/openapi.test.ts
 * checks that every route file is described).
 */
type Operation = {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  /** null: any valid API key */
  scope: Permission | null;
  body?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
};

const ZError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const ZLocation = z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), kind: z.enum(['warehouse', 'store']), active: z.boolean() });
const ZSettings = z.object({
  shop_name: z.string(), currency: z.string().length(3), timezone: z.string(), inventory_costing: z.enum(['fifo', 'average']),
  support_refund_limit: z.number().int(), fraud_review_threshold: z.number().int(), fulfilling_location: z.string().nullable(),
});

export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/api/v1/locations', summary: 'List stock locations', scope: 'inventory:read', response: z.object({ data: z.array(ZLocation) }) },
  { method: 'get', path: '/api/v1/settings', summary: 'Read the shop settings', scope: null, response: ZSettings },
  { method: 'patch', path: '/api/v1/settings', summary: 'Change shop settings', scope: 'settings:write', body: ZUpdateSettingsInput, response: ZSettings },
];

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: jsonSchema(ZError, 'output') } } });
  for (const op of OPERATIONS) {
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      description: op.scope ? `Requires an API key with the \`${op.scope}\` scope (or \`*\`).` : 'Any valid API key.',
      security: [{ apiKey: [] }],
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: jsonSchema(op.response, 'output') } } },
        ...(op.body ? { 400: errorResponse('Malformed JSON'), 413: errorResponse('Body too large'), 422: errorResponse('Invalid fields, listed in details') } : {}),
        401: errorResponse('Missing, invalid or revoked API key'),
        403: errorResponse('The key lacks the scope'),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Backroom API', version: '1', description: 'Money is integer minor units beside a currency; field names are snake_case.' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from Settings → API keys' } } },
    paths,
  };
}
