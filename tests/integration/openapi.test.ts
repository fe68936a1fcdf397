import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/v1/openapi.json/route';

/** Every exported method of every /api/v1 route file, as `method path`. */
function routeOperations(dir = 'app/api/v1', prefix = '/api/v1'): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry.startsWith('[...') || entry === 'openapi.json') continue; // catch-all 404 and the document itself
      const segment = entry.replace(/^\[(\w+)\]$/, '{$1}');
      out.push(...routeOperations(full, `${prefix}/${segment}`));
    } else if (entry === 'route.ts') {
      const source = readFileSync(full, 'utf8');
      for (const m of source.matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g))
        out.push(`${m[1].toLowerCase()} ${prefix}`);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  it('describes every /api/v1 operation and nothing that does not exist', async () => {
    const doc = await GET().json();
    expect(doc.openapi).toBe('3.1.0');
    const described = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`),
    );
    expect(described.sort()).toEqual(routeOperations().sort());
  });

  it('carries the request schema the handler validates with', async () => {
    const doc = await GET().json();
    const body = doc.paths['/api/v1/settings'].patch.requestBody.content['application/json'].schema;
    expect(body.properties.inventory_costing.enum).toEqual(['fifo', 'average']);
    expect(body.additionalProperties).toBe(false);
  });
});
