import { expect, test, type Page } from '@playwright/test';
import { DEMO_EMAIL, signIn } from './helpers';

/** What next.config.ts promises on every response (docs/decisions/020). */
function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain('unsafe-eval'); // the production build needs no eval
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options'], what).toBe('DENY');
}

/** Records every CSP violation the page reports, from the DOM event and from the console. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text()))
      violations.push(`${page.url()}: ${m.text()}`);
  });
  return violations;
}

test.describe('security headers', () => {
  test('pages, API responses and errors carry them; HSTS only behind HTTPS', async ({ request }) => {
    for (const path of [
      '/login',
      '/api/health',
      '/api/v1/locations',
      '/api/v1/nope',
      '/api/v1/openapi.json',
    ]) {
      const res = await request.get(path);
      expectSecurityHeaders(res.headers(), path);
      expect(res.headers()['strict-transport-security'], path).toBeUndefined();
    }
    const proxied = await request.get('/login', { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers()['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
  });

  test('the app runs under its CSP: no violation on the pages of every section', async ({ page }) => {
    test.slow();
    const violations = watchCsp(page);
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.goto('/login');
    await signIn(page, DEMO_EMAIL.admin);
    const pages = [
      '/dashboard',
      '/orders',
      '/inventory',
      '/fulfillment',
      '/returns',
      '/support',
      '/ledger',
      '/settings',
      '/settings/api-keys',
    ];
    for (const path of pages) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      expectSecurityHeaders(res!.headers(), path);
      await page.waitForLoadState('networkidle');
    }
    // An order page, reached from the list: its scripts load and hydrate under the policy too.
    await page.goto('/orders');
    const hrefs = await page
      .locator('a[href^="/orders/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const order = hrefs.find((h) => /^\/orders\/[0-9a-f-]{36}$/.test(h ?? ''));
    expect(order, 'an order link on /orders').toBeTruthy();
    expect((await page.goto(order!))?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });
});
