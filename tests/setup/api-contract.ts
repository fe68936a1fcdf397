import { vi } from 'vitest';
import type { apiRoute as ApiRoute } from '@/lib/api/handler';

/**
 * Every /api/v1 handler is built by `apiRoute`; here each one is wrapped so that every response the
 * tests receive is checked against the OpenAPI document (tests/support/api-contract.ts). A mismatch
 * rejects the call, failing the test that made it. The wrapper also records each handler's options
 * so tests/integration/api/openapi.test.ts can check them against the operation table.
 */
vi.mock('@/lib/api/handler', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/api/handler')>();
  const { contractProblems } = await import('@/tests/support/api-contract');
  const apiRoute: typeof ApiRoute = (options, handler) => {
    const route = actual.apiRoute(options, handler);
    const checked: typeof route = async (request, context) => {
      const response = await route(request, context);
      const problems = await contractProblems(request, response.clone());
      if (problems.length) throw new Error(`API contract broken:\n${problems.join('\n')}`);
      return response;
    };
    const g = globalThis as { __apiRouteOptions?: WeakMap<object, unknown> };
    (g.__apiRouteOptions ??= new WeakMap()).set(checked, options);
    return checked;
  };
  return { ...actual, apiRoute };
});

/** The options each wrapped handler was built with (one map per test file's module graph). */
export function routeOptions(): WeakMap<object, Parameters<typeof ApiRoute>[0]> {
  const g = globalThis as { __apiRouteOptions?: WeakMap<object, Parameters<typeof ApiRoute>[0]> };
  return (g.__apiRouteOptions ??= new WeakMap());
}
